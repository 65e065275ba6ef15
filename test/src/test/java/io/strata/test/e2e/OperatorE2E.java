package io.strata.test.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephBlockPoolSpec;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec;
import io.strata.operator.api.v1.NamedPoolSpec;
import io.strata.operator.api.v1.PoolSpec;
import io.strata.operator.api.v1.ResourceStatus;
import io.strata.operator.api.v1.StorageClassSpec;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator on a real cluster, in external mode against the Ceph of {@code strata.e2e.ceph.*}: a
 * CephCluster in namespace strata (where deploy/ runs the driver) becomes Ready, then a
 * CephBlockPool and a CephFilesystem with StorageClasses whose PVCs bind (the pool's reconciled by
 * the replica that took over after the leader's pod was deleted), and deleting them all leaves no
 * PV behind.
 */
@Tag("e2e")
@ExtendWith(E2eCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OperatorE2E {
  private static final String NAMESPACE = "strata";
  private static final String ADMIN_SECRET = "strata-e2e-ceph-admin";
  private static final String LEASE = "strata-operator";

  private final KubernetesClient client;
  private final E2eSettings settings;
  private final KubeVolumes kube;
  private final String token = UUID.randomUUID().toString().substring(0, 8);

  OperatorE2E(KubernetesClient client, E2eSettings settings) {
    this.client = client;
    this.settings = settings;
    this.kube = new KubeVolumes(client, settings, "strata-e2e-operator-" + token);
  }

  @Test
  @Order(1)
  void externalClusterBecomesReady() {
    assumeTrue(settings.ceph().isPresent(), "needs strata.e2e.ceph.monitors and .key");
    E2eSettings.CephAccess ceph = settings.ceph().orElseThrow();
    client
        .secrets()
        .inNamespace(NAMESPACE)
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(ADMIN_SECRET)
                .endMetadata()
                .addToStringData("userID", ceph.user())
                .addToStringData("userKey", ceph.key())
                .build())
        .createOr(op -> op.update());
    CephCluster cluster = named(new CephCluster(), "e2e");
    cluster.setSpec(new CephClusterSpec());
    cluster.getSpec().external = new CephClusterSpec.ExternalSpec();
    cluster.getSpec().external.enable = true;
    cluster.getSpec().external.monitors = ceph.monitors();
    cluster.getSpec().external.adminSecretName = ADMIN_SECRET;
    client.resource(cluster).create();
    awaitReady(CephCluster.class, "e2e");
    kube.createNamespace();
  }

  /**
   * The operator's leader pod deleted: the other replica takes the Lease, and the next test's
   * change (a new CephBlockPool) is reconciled by it. Before the leases `patch` rule, renewals were
   * forbidden and no replica reconciled again.
   */
  @Test
  @Order(2)
  void anotherReplicaLeadsOnceTheLeaderPodIsDeleted() {
    assumeTrue(settings.ceph().isPresent(), "needs strata.e2e.ceph.monitors and .key");
    String leader = leaseHolder();
    assumeTrue(leader != null, "no operator holds the Lease " + LEASE);
    client.pods().inNamespace(NAMESPACE).withName(leader).delete();
    kube.eventually(
        "another operator replica holds the Lease " + LEASE + " (was " + leader + ")",
        () -> {
          String holder = leaseHolder();
          return holder != null && !holder.equals(leader);
        });
    System.out.println("operator leader moved from " + leader + " to " + leaseHolder());
  }

  private String leaseHolder() {
    var lease = client.leases().inNamespace(NAMESPACE).withName(LEASE).get();
    return lease == null || lease.getSpec() == null ? null : lease.getSpec().getHolderIdentity();
  }

  @Test
  @Order(3)
  void blockPoolClassServesAClaim() {
    assumeTrue(settings.ceph().isPresent(), "needs strata.e2e.ceph.monitors and .key");
    CephBlockPool pool = named(new CephBlockPool(), "e2e-" + token);
    pool.setSpec(singleCopy(new CephBlockPoolSpec()));
    pool.getSpec().deletePoolOnRemoval = true;
    pool.getSpec().storageClass = storageClass("strata-e2e-rbd-" + token);
    client.resource(pool).create();
    awaitReady(CephBlockPool.class, pool.getMetadata().getName());
    kube.bind(Claim.filesystem("rbd", "strata-e2e-rbd-" + token, "1Gi", false));
  }

  @Test
  @Order(4)
  void filesystemClassServesAClaim() {
    assumeTrue(settings.ceph().isPresent(), "needs strata.e2e.ceph.monitors and .key");
    CephFilesystem fs = named(new CephFilesystem(), "e2efs-" + token);
    fs.setSpec(new CephFilesystemSpec());
    fs.getSpec().metadataPool = singleCopy(new PoolSpec());
    fs.getSpec().dataPools = List.of(singleCopy(new NamedPoolSpec()));
    fs.getSpec().preservePoolsOnDelete = false;
    fs.getSpec().storageClass = storageClass("strata-e2e-cephfs-" + token);
    client.resource(fs).create();
    // an external cluster needs a standby MDS to take the new filesystem
    awaitReady(CephFilesystem.class, fs.getMetadata().getName());
    kube.bind(Claim.filesystem("cephfs", "strata-e2e-cephfs-" + token, "1Gi", true));
  }

  @AfterAll
  void deleteEverything() {
    if (settings.ceph().isEmpty()) {
      return;
    }
    kube.deleteNamespace();
    kube.eventually(
        "no PV of this test left",
        () ->
            client.persistentVolumes().list().getItems().stream()
                .noneMatch(pv -> pv.getSpec().getStorageClassName().endsWith(token)));
    for (Class<? extends CustomResource<?, ?>> type :
        List.of(CephFilesystem.class, CephBlockPool.class, CephCluster.class)) {
      client.resources(type).inNamespace(NAMESPACE).withLabel("strata-e2e", token).delete();
    }
    client.resources(CephCluster.class).inNamespace(NAMESPACE).withName("e2e").delete();
    client
        .resources(CephCluster.class)
        .inNamespace(NAMESPACE)
        .withName("e2e")
        .waitUntilCondition(Objects::isNull, settings.timeout().toSeconds(), TimeUnit.SECONDS);
    client.secrets().inNamespace(NAMESPACE).withName(ADMIN_SECRET).delete();
  }

  private <T extends CustomResource<?, ?>> T named(T resource, String name) {
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(NAMESPACE);
    resource.getMetadata().setLabels(java.util.Map.of("strata-e2e", token));
    return resource;
  }

  private static <T extends PoolSpec> T singleCopy(T pool) {
    pool.replicated.size = 1;
    pool.replicated.requireSafeReplicaSize = false;
    return pool;
  }

  private static StorageClassSpec storageClass(String name) {
    StorageClassSpec spec = new StorageClassSpec();
    spec.enabled = true;
    spec.name = name;
    return spec;
  }

  private <T extends CustomResource<?, ? extends ResourceStatus>> void awaitReady(
      Class<T> type, String name) {
    client
        .resources(type)
        .inNamespace(NAMESPACE)
        .withName(name)
        .waitUntilCondition(
            r -> r != null && r.getStatus() != null && "Ready".equals(r.getStatus().phase),
            settings.timeout().toSeconds(),
            TimeUnit.SECONDS);
  }
}
