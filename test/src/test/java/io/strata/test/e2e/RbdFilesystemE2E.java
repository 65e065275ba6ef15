package io.strata.test.e2e;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Tag;

/** An ext4 RBD volume (StorageClass strata-rbd) through its whole life. */
@Tag("e2e")
class RbdFilesystemE2E extends FilesystemVolumeLifecycle {
  private final KubernetesClient client;

  RbdFilesystemE2E(KubernetesClient client, E2eSettings settings) {
    super(client, settings, "rbd");
    this.client = client;
  }

  @Override
  void assumeOnlineGrowth() {
    assumeTrue(
        NodePluginCapabilities.has(
            client, "strata-rbd-node", NodePluginCapabilities.CAP_SYS_RESOURCE),
        "the rbd node plugin lacks CAP_SYS_RESOURCE, which resize2fs needs to grow a mounted ext4");
  }

  @Override
  String storageClass() {
    return settings().rbdStorageClass();
  }

  @Override
  String snapshotClass() {
    return settings().rbdSnapshotClass();
  }

  @Override
  boolean shared() {
    return false;
  }
}
