package io.strata.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * A raw block RBD volume (volumeMode Block, StorageClass strata-rbd-block) in a pod's
 * volumeDevices: the device has the claimed size, keeps what is written to it, and a snapshot of it
 * restores the same bytes.
 */
@Tag("e2e")
@ExtendWith(E2eCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RbdBlockE2E {
  private static final String SIZE = "1Gi";

  private final E2eSettings settings;
  private final KubeVolumes kube;
  private final KubePods pods;
  private final CephLeftovers ceph = new CephLeftovers();
  private final String token = UUID.randomUUID().toString();

  RbdBlockE2E(KubernetesClient client, E2eSettings settings) {
    this.settings = settings;
    this.kube = new KubeVolumes(client, settings, "strata-e2e-block-" + token.substring(0, 6));
    this.pods = kube.pods();
  }

  @BeforeAll
  void createNamespace() {
    kube.createNamespace();
  }

  @Test
  @Order(1)
  void blockClaimBinds() {
    ceph.record(kube.bind(Claim.block("device", settings.rbdBlockStorageClass(), SIZE)));
  }

  @Test
  @Order(2)
  void podSeesTheDeviceAndWritesToIt() {
    pods.start("writer", "device", true);
    assertEquals(
        "1073741824", pods.shell("writer", "blockdev --getsize64 " + KubePods.DEVICE).strip());
    pods.shell(
        "writer",
        "printf '%s' " + token + " | dd of=" + KubePods.DEVICE + " bs=512 count=1 conv=sync,fsync");
    assertEquals(token, firstSector("writer"));
  }

  @Test
  @Order(3)
  void snapshotRestoresTheSameBytes() {
    kube.snapshot("device-snap", "device", settings.rbdSnapshotClass());
    ceph.record(
        kube.bind(
            Claim.block("restored", settings.rbdBlockStorageClass(), SIZE)
                .restoredFrom("device-snap")));
    pods.start("reader", "restored", true);
    assertEquals(token, firstSector("reader"));
  }

  @Test
  @Order(4)
  void deletingEverythingLeavesNoVolume() {
    kube.deleteAllAndExpectNothingLeft(ceph);
  }

  @AfterAll
  void deleteNamespace() {
    kube.deleteNamespace();
  }

  /** The first 512 bytes of the device without the zero padding dd wrote. */
  private String firstSector(String pod) {
    return pods.shell(
            pod, "dd if=" + KubePods.DEVICE + " bs=512 count=1 2>/dev/null | tr -d '\\000'")
        .strip();
  }
}
