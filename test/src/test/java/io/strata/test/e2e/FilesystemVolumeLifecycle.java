package io.strata.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A filesystem volume's life through Kubernetes, one step per test, in order, in a namespace of its
 * own: bind, write from a pod, snapshot, restore and read, clone and read, expand and see the
 * filesystem grow in the pod, delete and see no PV (nor image or subvolume, with Ceph access) left.
 */
@Tag("e2e")
@ExtendWith(E2eCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FilesystemVolumeLifecycle {
  private static final String SIZE = "1Gi";
  private static final String GROWN = "2Gi";

  /** df must show more than 1.5 GiB (in KiB) once the claim is 2 GiB. */
  private static final long GROWN_KIB = 1_572_864L;

  private final E2eSettings settings;
  private final KubeVolumes kube;
  private final KubePods pods;
  private final CephLeftovers ceph = new CephLeftovers();
  private final String token = UUID.randomUUID().toString();

  FilesystemVolumeLifecycle(KubernetesClient client, E2eSettings settings, String driver) {
    this.settings = settings;
    this.kube =
        new KubeVolumes(client, settings, "strata-e2e-" + driver + "-" + token.substring(0, 6));
    this.pods = kube.pods();
  }

  E2eSettings settings() {
    return settings;
  }

  abstract String storageClass();

  abstract String snapshotClass();

  /** CephFS volumes are shared (ReadWriteMany), RBD filesystems ReadWriteOnce. */
  abstract boolean shared();

  /** Skips the growth step where the node cannot grow this filesystem while it is mounted. */
  void assumeOnlineGrowth() {}

  @BeforeAll
  void createNamespace() {
    kube.createNamespace();
  }

  @Test
  @Order(1)
  void claimBinds() {
    ceph.record(kube.bind(claim("data")));
  }

  @Test
  @Order(2)
  void podWritesData() {
    pods.start("writer", "data", false);
    pods.shell("writer", "echo " + token + " > /data/token && sync");
    assertEquals(token, pods.shell("writer", "cat /data/token").strip());
  }

  @Test
  @Order(3)
  void snapshotBecomesReady() {
    kube.snapshot("data-snap", "data", snapshotClass());
  }

  @Test
  @Order(4)
  void restoredClaimHasTheData() {
    readsTheToken(claim("restored").restoredFrom("data-snap"));
  }

  /** Before the expansion: a clone is at least as large as its source. */
  @Test
  @Order(5)
  void cloneHasTheData() {
    readsTheToken(claim("cloned").clonedFrom("data"));
  }

  @Test
  @Order(6)
  void expandedFilesystemGrowsInThePod() {
    assumeOnlineGrowth();
    kube.expand("data", GROWN);
    kube.eventually("df in the pod shows more than 1.5 GiB", () -> totalKib("writer") > GROWN_KIB);
  }

  @Test
  @Order(7)
  void deletingEverythingLeavesNoVolume() {
    kube.deleteAllAndExpectNothingLeft(ceph);
  }

  @AfterAll
  void deleteNamespace() {
    kube.deleteNamespace();
  }

  private Claim claim(String name) {
    return Claim.filesystem(name, storageClass(), SIZE, shared());
  }

  private void readsTheToken(Claim claim) {
    ceph.record(kube.bind(claim));
    String reader = claim.name() + "-reader";
    pods.start(reader, claim.name(), false);
    assertEquals(token, pods.shell(reader, "cat /data/token").strip(), claim.toString());
    pods.delete(reader);
  }

  /** Total size of the filesystem at /data in KiB, as df in the pod reports it (POSIX format). */
  private long totalKib(String pod) {
    String[] lines = pods.shell(pod, "df -P -k " + KubePods.MOUNT).strip().split("\n");
    String[] fields = lines[lines.length - 1].trim().split("\\s+");
    assertTrue(fields.length >= 6, "df output: " + String.join("\n", lines));
    return Long.parseLong(fields[fields.length - 5]);
  }
}
