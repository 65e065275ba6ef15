package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;

/**
 * A PVC to create: name, class and size, how it is accessed, and optionally where its data comes
 * from (a VolumeSnapshot to restore, or a PersistentVolumeClaim to clone).
 */
record Claim(
    String name,
    String storageClass,
    String size,
    boolean shared,
    boolean block,
    String sourceKind,
    String sourceName) {

  static Claim filesystem(String name, String storageClass, String size, boolean shared) {
    return new Claim(name, storageClass, size, shared, false, null, null);
  }

  static Claim block(String name, String storageClass, String size) {
    return new Claim(name, storageClass, size, false, true, null, null);
  }

  Claim restoredFrom(String snapshot) {
    return new Claim(name, storageClass, size, shared, block, "VolumeSnapshot", snapshot);
  }

  Claim clonedFrom(String claim) {
    return new Claim(name, storageClass, size, shared, block, "PersistentVolumeClaim", claim);
  }

  PersistentVolumeClaim in(String namespace) {
    PersistentVolumeClaimBuilder claim =
        new PersistentVolumeClaimBuilder()
            .withNewMetadata()
            .withName(name)
            .withNamespace(namespace)
            .endMetadata()
            .withNewSpec()
            .withStorageClassName(storageClass)
            .withAccessModes(shared ? "ReadWriteMany" : "ReadWriteOnce")
            .withVolumeMode(block ? "Block" : "Filesystem")
            .withNewResources()
            .addToRequests("storage", new Quantity(size))
            .endResources()
            .endSpec();
    if (sourceKind != null) {
      claim
          .editSpec()
          .withNewDataSource()
          .withApiGroup(sourceKind.equals("VolumeSnapshot") ? "snapshot.storage.k8s.io" : null)
          .withKind(sourceKind)
          .withName(sourceName)
          .endDataSource()
          .endSpec();
    }
    return claim.build();
  }
}
