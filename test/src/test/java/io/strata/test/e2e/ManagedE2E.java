package io.strata.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.ResourceStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Managed mode from no Ceph at all: a CephCluster in namespace strata whose mon, mgr and OSD the
 * operator runs as pods of {@code strata.e2e.managed.cephImage} (deploy/image/build --image ceph),
 * a CephBlockPool and a CephFilesystem with StorageClasses, a pod writing to a claim of each, and
 * removal that leaves no daemon pod, Secret, ConfigMap or PV of the cluster. Run it on its own
 * ({@code -Dtest=ManagedE2E}): the cluster takes over the driver of deploy/, so apply deploy/ again
 * afterwards; the Secrets strata-rbd-secret and strata-cephfs-secret of another Ceph must not
 * exist.
 */
@Tag("e2e")
@ExtendWith(E2eCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ManagedE2E {
  private static final String NAMESPACE = "strata";
  private static final String CLUSTER = "e2e-managed";

  /** ClusterNames' label on every object the operator makes for a managed cluster. */
  private static final String CLUSTER_LABEL = "strata.io/cluster";

  private static final List<String> DRIVER_SECRETS =
      List.of("strata-rbd-secret", "strata-cephfs-secret");

  private final KubernetesClient client;
  private final E2eSettings settings;
  private final KubeVolumes kube;
  private final String token = UUID.randomUUID().toString().substring(0, 8);
  private final CephResources resources;
  private final String rbdClass = "strata-e2e-managed-rbd-" + token;
  private final String cephfsClass = "strata-e2e-managed-cephfs-" + token;

  ManagedE2E(KubernetesClient client, E2eSettings settings) {
    this.client = client;
    this.settings = settings;
    this.kube = new KubeVolumes(client, settings, "strata-e2e-managed-" + token);
    this.resources = new CephResources(client, settings, token);
  }

  @Test
  void fromNoCephToPodsWritingToBothKindsOfClaimThenCleanRemoval() {
    assumeTrue(
        settings.managedCephImage().isPresent(),
        "needs -Dstrata.e2e.managed.cephImage: an image with Ceph's daemons");
    assumeTrue(
        client.resources(CephCluster.class).inNamespace(NAMESPACE).list().getItems().isEmpty(),
        "needs a namespace " + NAMESPACE + " without a CephCluster");
    List<String> foreignSecrets =
        DRIVER_SECRETS.stream()
            .filter(name -> client.secrets().inNamespace(NAMESPACE).withName(name).get() != null)
            .toList();
    assumeTrue(
        foreignSecrets.isEmpty(),
        "delete the Secrets " + foreignSecrets + ": a managed cluster makes its own");

    Instant applied = Instant.now();
    client.resource(managedCluster()).create();
    resources.awaitReady(CephCluster.class, CLUSTER);
    System.out.println("managed CephCluster Ready after " + since(applied));
    client.resource(resources.blockPool("e2e-" + token, rbdClass)).create();
    client.resource(resources.filesystem("e2efs-" + token, cephfsClass)).create();
    resources.awaitReady(CephBlockPool.class, "e2e-" + token);
    resources.awaitReady(CephFilesystem.class, "e2efs-" + token);
    System.out.println("CephBlockPool and CephFilesystem Ready after " + since(applied));

    kube.createNamespace();
    kube.bind(Claim.filesystem("rbd", rbdClass, "1Gi", false));
    System.out.println("first PVC (rbd) Bound after " + since(applied));
    kube.bind(Claim.filesystem("cephfs", cephfsClass, "1Gi", true));
    System.out.println("CephFS PVC Bound after " + since(applied));
    for (String claim : List.of("rbd", "cephfs")) {
      kube.pods().start(claim + "-user", claim, false);
      String read =
          kube.pods()
              .shell(
                  claim + "-user", "echo managed-" + claim + " > /data/f && sync && cat /data/f");
      assertEquals("managed-" + claim, read.strip());
    }
    System.out.println("pods wrote and read both claims after " + since(applied));
    client
        .pods()
        .inNamespace(NAMESPACE)
        .withLabel(CLUSTER_LABEL, CLUSTER)
        .list()
        .getItems()
        .forEach(p ->
            System.out.println("  " + p.getMetadata().getName() + " " + p.getStatus().getPhase()));

    // deleting the cluster first waits for its pool and filesystem
    client.resources(CephCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).delete();
    CephCluster blocked =
        resources.awaitStatus(
            CephCluster.class,
            CLUSTER,
            s -> "Deleting".equals(s.phase) && condition(s, "DeletionIsBlocked") != null);
    assertEquals(
        "ObjectHasDependents", condition(blocked.getStatus(), "DeletionIsBlocked").getReason());

    Instant removal = Instant.now();
    kube.deleteNamespace();
    kube.eventually("no PV of this test left", () -> volumesOfThisTest().isEmpty());
    deleteCephResources();
    resources.awaitGone(CephCluster.class, CLUSTER);
    kube.eventually(
        "no pod, Secret or ConfigMap of the managed cluster left",
        () -> objectsOfTheCluster().isEmpty());
    System.out.println(
        "removal took "
            + since(removal)
            + "; left on the node: "
            + settings.managedDataDir()
            + "/"
            + token);
  }

  /** What a failed run left, removed in the order the operator needs. */
  @AfterAll
  void deleteEverything() {
    if (settings.managedCephImage().isEmpty()) {
      return;
    }
    kube.deleteNamespace();
    deleteCephResources();
  }

  private void deleteCephResources() {
    for (Class<? extends CustomResource<?, ?>> type :
        List.of(CephFilesystem.class, CephBlockPool.class)) {
      resources.deleteLabelled(type);
    }
    resources.awaitGone(CephFilesystem.class, "e2efs-" + token);
    resources.awaitGone(CephBlockPool.class, "e2e-" + token);
    client.resources(CephCluster.class).inNamespace(NAMESPACE).withName(CLUSTER).delete();
  }

  private CephCluster managedCluster() {
    CephCluster cluster = resources.named(new CephCluster(), CLUSTER);
    CephClusterSpec spec = new CephClusterSpec();
    spec.cephVersion = new CephClusterSpec.CephVersion();
    spec.cephVersion.image = settings.managedCephImage().orElseThrow();
    spec.dataDirHostPath = settings.managedDataDir() + "/" + token;
    spec.mon.count = 1;
    spec.mon.allowMultiplePerNode = true;
    spec.storage = new CephClusterSpec.StorageSpec();
    spec.storage.useAllNodes = true;
    CephClusterSpec.DirectorySpec osd = new CephClusterSpec.DirectorySpec();
    osd.path = spec.dataDirHostPath + "/osd0";
    osd.size = "5Gi";
    spec.storage.directories = List.of(osd);
    cluster.setSpec(spec);
    return cluster;
  }

  private List<String> volumesOfThisTest() {
    return client.persistentVolumes().list().getItems().stream()
        .filter(pv -> List.of(rbdClass, cephfsClass).contains(pv.getSpec().getStorageClassName()))
        .map(pv -> pv.getMetadata().getName())
        .toList();
  }

  private List<String> objectsOfTheCluster() {
    return Stream.of(
            client
                .pods()
                .inNamespace(NAMESPACE)
                .withLabel(CLUSTER_LABEL, CLUSTER)
                .list()
                .getItems(),
            client
                .secrets()
                .inNamespace(NAMESPACE)
                .withLabel(CLUSTER_LABEL, CLUSTER)
                .list()
                .getItems(),
            client
                .configMaps()
                .inNamespace(NAMESPACE)
                .withLabel(CLUSTER_LABEL, CLUSTER)
                .list()
                .getItems())
        .flatMap(List::stream)
        .map(o -> o.getKind() + "/" + o.getMetadata().getName())
        .toList();
  }

  private static Condition condition(ResourceStatus status, String type) {
    return status.conditions.stream()
        .filter(c -> c.getType().equals(type))
        .findFirst()
        .orElse(null);
  }

  private static String since(Instant start) {
    return Duration.between(start, Instant.now()).toSeconds() + " s";
  }
}
