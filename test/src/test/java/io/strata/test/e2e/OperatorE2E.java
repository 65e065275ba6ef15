package io.strata.test.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystem;
import java.util.List;
import java.util.UUID;
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
  private final CephResources resources;

  OperatorE2E(KubernetesClient client, E2eSettings settings) {
    this.client = client;
    this.settings = settings;
    this.kube = new KubeVolumes(client, settings, "strata-e2e-operator-" + token);
    this.resources = new CephResources(client, settings, token);
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
    CephCluster cluster = resources.named(new CephCluster(), "e2e");
    cluster.setSpec(new CephClusterSpec());
    cluster.getSpec().external = new CephClusterSpec.ExternalSpec();
    cluster.getSpec().external.enable = true;
    cluster.getSpec().external.monitors = ceph.monitors();
    cluster.getSpec().external.adminSecretName = ADMIN_SECRET;
    client.resource(cluster).create();
    resources.awaitReady(CephCluster.class, "e2e");
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
    CephBlockPool pool = resources.blockPool("e2e-" + token, "strata-e2e-rbd-" + token);
    client.resource(pool).create();
    resources.awaitReady(CephBlockPool.class, pool.getMetadata().getName());
    kube.bind(Claim.filesystem("rbd", "strata-e2e-rbd-" + token, "1Gi", false));
  }

  @Test
  @Order(4)
  void filesystemClassServesAClaim() {
    assumeTrue(settings.ceph().isPresent(), "needs strata.e2e.ceph.monitors and .key");
    CephFilesystem fs = resources.filesystem("e2efs-" + token, "strata-e2e-cephfs-" + token);
    client.resource(fs).create();
    // an external cluster needs a standby MDS to take the new filesystem
    resources.awaitReady(CephFilesystem.class, fs.getMetadata().getName());
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
      resources.deleteLabelled(type);
    }
    client.resources(CephCluster.class).inNamespace(NAMESPACE).withName("e2e").delete();
    resources.awaitGone(CephCluster.class, "e2e");
    client.secrets().inNamespace(NAMESPACE).withName(ADMIN_SECRET).delete();
  }
}
