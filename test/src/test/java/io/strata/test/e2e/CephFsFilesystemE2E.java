package io.strata.test.e2e;

import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Tag;

/** A CephFS subvolume (StorageClass strata-cephfs, ReadWriteMany) through its whole life. */
@Tag("e2e")
class CephFsFilesystemE2E extends FilesystemVolumeLifecycle {
  CephFsFilesystemE2E(KubernetesClient client, E2eSettings settings) {
    super(client, settings, "cephfs");
  }

  @Override
  String storageClass() {
    return settings().cephfsStorageClass();
  }

  @Override
  String snapshotClass() {
    return settings().cephfsSnapshotClass();
  }

  @Override
  boolean shared() {
    return true;
  }
}
