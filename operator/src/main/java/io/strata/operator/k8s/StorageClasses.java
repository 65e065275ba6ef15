package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.StorageClassSpec;
import io.strata.operator.k8s.driver.CsiUser;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The StorageClass a pool or filesystem asks for, with the parameters and Secrets of the driver the
 * CephCluster installed (the same as deploy/base/classes, filled in).
 */
public final class StorageClasses {
  private static final String PREFIX = "csi.storage.k8s.io/";

  private final KubernetesClient client;
  private final Applier applier;

  public StorageClasses(KubernetesClient client) {
    this.client = client;
    this.applier = new Applier(client);
  }

  /** Keeps {@code owner}'s class as the spec says: written when enabled, removed when not. */
  public void reconcile(
      HasMetadata owner, StorageClassSpec spec, Driver driver, Map<String, String> parameters) {
    if (spec == null || !spec.enabled) {
      delete(owner);
      return;
    }
    String namespace = owner.getMetadata().getNamespace();
    Map<String, String> all = new LinkedHashMap<>(parameters);
    for (String secret : new String[] {"provisioner", "controller-expand"}) {
      all.put(PREFIX + secret + "-secret-name", driver.provisionerSecret);
      all.put(PREFIX + secret + "-secret-namespace", namespace);
    }
    all.put(PREFIX + "node-stage-secret-name", driver.nodeSecret);
    all.put(PREFIX + "node-stage-secret-namespace", namespace);
    StorageClass storageClass =
        new StorageClassBuilder()
            .withNewMetadata()
            .withName(name(owner, spec))
            .addToAnnotations(
                "storageclass.kubernetes.io/is-default-class", Boolean.toString(spec.isDefault))
            .endMetadata()
            .withProvisioner(driver.driverName)
            .withParameters(all)
            .withReclaimPolicy(spec.reclaimPolicy)
            .withAllowVolumeExpansion(spec.allowVolumeExpansion)
            .withVolumeBindingMode("Immediate")
            .build();
    StorageClass existing =
        client.storage().v1().storageClasses().withName(name(owner, spec)).get();
    if (existing != null && !existing.getParameters().equals(all)) {
      // parameters and reclaimPolicy are immutable: replace the class (PVs keep theirs)
      client.resource(existing).delete();
    }
    applier.apply(storageClass, owner);
  }

  /** Removes every class {@code owner} made. */
  public void delete(HasMetadata owner) {
    client
        .storage()
        .v1()
        .storageClasses()
        .withLabel(Applier.OWNER_LABEL, Applier.ownerLabel(owner))
        .delete();
  }

  private static String name(HasMetadata owner, StorageClassSpec spec) {
    return spec.name != null
        ? spec.name
        : owner.getMetadata().getNamespace() + "-" + owner.getMetadata().getName();
  }

  /** The driver a class provisions with and the Secrets the CephCluster made for it. */
  public enum Driver {
    RBD("rbd.csi.strata.io", CsiUser.RBD_PROVISIONER, CsiUser.RBD_NODE),
    CEPHFS("cephfs.csi.strata.io", CsiUser.CEPHFS_PROVISIONER, CsiUser.CEPHFS_NODE);

    final String driverName;
    final String provisionerSecret;
    final String nodeSecret;

    Driver(String driverName, CsiUser provisioner, CsiUser node) {
      this.driverName = driverName;
      this.provisionerSecret = provisioner.secretName();
      this.nodeSecret = node.secretName();
    }
  }
}
