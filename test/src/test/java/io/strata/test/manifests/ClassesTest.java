package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.identity.PluginInfo;
import io.strata.node.fs.Formatter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * CSIDrivers, StorageClasses and VolumeSnapshotClasses agree with the plugins: driver names,
 * parameters the backends read (README.md), secrets that exist, clusters that are configured.
 */
class ClassesTest {
  private static final String K8S = "csi.storage.k8s.io/";
  private static final Map<String, Set<String>> PARAMETERS =
      Map.of(
          PluginInfo.RBD_DRIVER,
          Set.of("clusterID", "pool", "volumeNamePrefix", "mounter", "mkfsOptions", "mapOptions"),
          PluginInfo.CEPHFS_DRIVER,
          Set.of(
              "clusterID",
              "fsName",
              "pool",
              "mounter",
              "fuseMountOptions",
              "kernelMountOptions",
              "volumeNamePrefix"));
  private static final List<String> STORAGE_CLASS_SECRETS =
      List.of("provisioner", "controller-expand", "node-stage");

  private static final List<Manifest> ALL = Manifest.all();

  @Test
  void csiDriversAreTheTwoPluginsWithoutAttach() {
    List<CSIDriver> drivers = of("CSIDriver").stream().map(m -> m.as(CSIDriver.class)).toList();
    assertEquals(
        Set.of(PluginInfo.RBD_DRIVER, PluginInfo.CEPHFS_DRIVER),
        Set.copyOf(drivers.stream().map(d -> d.getMetadata().getName()).toList()));
    for (CSIDriver d : drivers) {
      assertEquals(
          Boolean.FALSE, d.getSpec().getAttachRequired(), "no ControllerPublish, no attacher");
      assertEquals(Boolean.FALSE, d.getSpec().getPodInfoOnMount());
      assertEquals("File", d.getSpec().getFsGroupPolicy());
    }
  }

  @Test
  void storageClassesUseKnownParametersConfiguredClustersAndExistingSecrets() throws IOException {
    ClusterConfigs clusters = ClusterConfigs.read(Repo.BASE.resolve("cluster-config.json"));
    List<StorageClass> classes =
        of("StorageClass").stream().map(m -> m.as(StorageClass.class)).toList();
    assertEquals(
        Set.of("strata-rbd", "strata-rbd-block", "strata-cephfs"),
        Set.copyOf(classes.stream().map(c -> c.getMetadata().getName()).toList()));
    for (StorageClass sc : classes) {
      String name = sc.getMetadata().getName();
      Set<String> known = PARAMETERS.get(sc.getProvisioner());
      assertNotNull(known, name + ": provisioner " + sc.getProvisioner());
      Map<String, String> params = sc.getParameters();
      params.keySet().stream()
          .filter(k -> !k.startsWith(K8S))
          .forEach(
              k -> assertTrue(known.contains(k), name + ": the plugins read no parameter " + k));
      assertTrue(
          clusters.find(params.get("clusterID")).isPresent(),
          name + ": clusterID not in cluster-config.json");
      for (String use : STORAGE_CLASS_SECRETS) {
        assertSecretExists(
            params.get(K8S + use + "-secret-namespace"),
            params.get(K8S + use + "-secret-name"),
            name);
      }
      assertEquals(Boolean.TRUE, sc.getAllowVolumeExpansion(), name);
      if (params.containsKey(K8S + "fstype")) {
        assertTrue(Formatter.SUPPORTED.contains(params.get(K8S + "fstype")), name);
      }
    }
  }

  @Test
  void snapshotClassesBelongToADriverAndNameASecret() {
    List<Manifest> classes = of("VolumeSnapshotClass");
    assertEquals(2, classes.size());
    for (Manifest m : classes) {
      String driver = m.tree().path("driver").asText();
      assertTrue(PARAMETERS.containsKey(driver), m.where() + ": driver " + driver);
      var params = m.tree().path("parameters");
      assertSecretExists(
          params.path(K8S + "snapshotter-secret-namespace").asText(null),
          params.path(K8S + "snapshotter-secret-name").asText(null),
          m.where());
    }
  }

  /** The secret is one of the examples, with the two keys the plugins read. */
  private static void assertSecretExists(String namespace, String name, String user) {
    assertNotNull(name, user + ": no secret name");
    Secret secret =
        ALL.stream()
            .filter(m -> m.kind().equals("Secret") && m.name().equals(name))
            .map(m -> m.as(Secret.class))
            .findFirst()
            .orElse(null);
    assertNotNull(secret, user + ": secret " + name + " has no example in deploy/examples");
    assertEquals(namespace, secret.getMetadata().getNamespace(), user + ": secret namespace");
    assertEquals(Set.of("userID", "userKey"), secret.getStringData().keySet(), name);
    assertFalse(
        secret.getStringData().get("userKey").startsWith("AQ"),
        name + " must not look like a real key");
  }

  private static List<Manifest> of(String kind) {
    return ALL.stream().filter(m -> m.kind().equals(kind)).toList();
  }
}
