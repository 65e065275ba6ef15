package io.strata.test.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Tag;

/** An ext4 RBD volume (StorageClass strata-rbd) through its whole life. */
@Tag("e2e")
class RbdFilesystemE2E extends FilesystemVolumeLifecycle {
  RbdFilesystemE2E(KubernetesClient client, E2eSettings settings) {
    super(client, settings, "rbd");
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
