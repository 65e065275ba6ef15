package io.strata.operator.k8s.driver;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.storage.CSIDriver;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephUsers;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.k8s.Applier;
import io.strata.operator.k8s.SpecProblem;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Installs the CSI driver for a CephCluster in its namespace: the driver's cephx users and their
 * Secrets, the cluster config the plugins read, ServiceAccounts and bindings to the sidecars'
 * ClusterRoles (which deploy/ installs), the controller Deployments and node DaemonSets of
 * deploy/base with their sidecars, and the CSIDriver objects.
 *
 * <p>One CephCluster per Kubernetes cluster can own the driver: the driver names and the node
 * plugins' kubelet sockets are cluster-wide.
 */
public final class DriverInstaller {
  /** The strata image the workloads of deploy/base name; replaced with the one to run. */
  private static final String IMAGE_PLACEHOLDER = "strata";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String NAME_LABEL = "app.kubernetes.io/name";

  /** On each plugin pod template: the hash of the cluster config it was started with. */
  public static final String CONFIG_HASH_ANNOTATION = "ceph.strata.io/config-hash";

  private static final String CONFIG_MAP = "strata-config";

  private final KubernetesClient client;
  private final Applier applier;
  private final String defaultImage;

  /**
   * @param defaultImage the strata image to run when the CephCluster names none
   */
  public DriverInstaller(KubernetesClient client, String defaultImage) {
    this.client = client;
    this.applier = new Applier(client);
    this.defaultImage = defaultImage;
  }

  public void install(
      CephCluster cluster, CephConnection admin, String fsid, List<String> monitors) {
    requireDriversFree(cluster);
    CephUsers users = new CephUsers(admin);
    for (CsiUser user : CsiUser.values()) {
      Secret existing =
          client
              .secrets()
              .inNamespace(cluster.getMetadata().getNamespace())
              .withName(user.secretName())
              .get();
      if (existing != null && !Applier.isOwnedBy(existing, cluster)) {
        // the user's own credentials (docs/deploy.md's commands) stay as they are: overwritten with
        // a cephx user of this cluster's, they would stop working when the cluster is deleted
        requireValidHere(existing, users);
        continue;
      }
      String key = users.ensure(user.entity(), user.caps());
      applier.apply(
          new SecretBuilder()
              .withNewMetadata()
              .withName(user.secretName())
              .endMetadata()
              // data, not stringData: the API server never returns stringData, so the applied
              // object would never match what is read back
              .addToData("userID", base64(user.id()))
              .addToData("userKey", base64(key))
              .build(),
          cluster);
    }
    String config = clusterConfig(fsid, monitors);
    applier.apply(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(CONFIG_MAP)
            .endMetadata()
            .addToData("config.json", config)
            .build(),
        cluster);
    String namespace = cluster.getMetadata().getNamespace();
    applier.applyAll(retargeted(DriverManifests.accounts(), namespace), cluster);
    applier.applyAll(retargeted(DriverManifests.bindings(), namespace), cluster);
    applier.applyAll(
        withConfigHash(withImage(DriverManifests.workloads(), image(cluster)), config), cluster);
    applier.applyAll(DriverManifests.csiDrivers(), cluster);
  }

  /** A Secret the driver would use must hold a key of this cluster: otherwise say what to do. */
  private static void requireValidHere(Secret secret, CephUsers users) {
    String id = decoded(secret, "userID");
    String key = decoded(secret, "userKey");
    if (id.isEmpty() || key.isEmpty() || !users.holdsKey("client." + id, key)) {
      throw new SpecProblem(
          "DriverSecretNotForThisCluster",
          "Secret "
              + secret.getMetadata().getNamespace()
              + "/"
              + secret.getMetadata().getName()
              + " was not made by the operator and holds no valid key of this cluster for user '"
              + id
              + "': put a key of this cluster in it, or delete it to let the operator make it");
    }
  }

  private static String decoded(Secret secret, String field) {
    String value = secret.getData() == null ? null : secret.getData().get(field);
    return value == null
        ? ""
        : new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }

  /**
   * Removes what Kubernetes' garbage collector cannot (cluster-scoped objects) and the cephx users,
   * when Ceph is reachable; namespaced objects go with their owner.
   */
  public void uninstall(CephCluster cluster, CephConnection adminOrNull) {
    String owner = Applier.ownerLabel(cluster);
    client.storage().v1().csiDrivers().withLabel(Applier.OWNER_LABEL, owner).delete();
    client.rbac().clusterRoleBindings().withLabel(Applier.OWNER_LABEL, owner).delete();
    if (adminOrNull != null) {
      CephUsers users = new CephUsers(adminOrNull);
      for (CsiUser user : CsiUser.values()) {
        users.delete(user.entity());
      }
    }
  }

  /**
   * One driver per Kubernetes cluster: refuses when another CephCluster owns the CSIDrivers, or
   * when {@code kubectl apply -k deploy/} runs the node plugins in another namespace.
   */
  private void requireDriversFree(CephCluster cluster) {
    String owner = Applier.ownerLabel(cluster);
    for (HasMetadata driver : DriverManifests.csiDrivers()) {
      CSIDriver existing =
          client.storage().v1().csiDrivers().withName(driver.getMetadata().getName()).get();
      String other =
          existing == null || existing.getMetadata().getLabels() == null
              ? null
              : existing.getMetadata().getLabels().get(Applier.OWNER_LABEL);
      if (other != null && !other.equals(owner)) {
        throw driverTaken(driver, "the CephCluster " + other.replaceFirst("\\.", "/"));
      }
    }
    String namespace = cluster.getMetadata().getNamespace();
    for (HasMetadata workload : DriverManifests.workloads()) {
      String name = workload.getMetadata().getName();
      client
          .apps()
          .daemonSets()
          .inAnyNamespace()
          .withLabel(NAME_LABEL, name)
          .list()
          .getItems()
          .stream()
          .filter(d -> !d.getMetadata().getNamespace().equals(namespace))
          .findFirst()
          .ifPresent(d -> {
            throw driverTaken(
                workload,
                "the " + name + " DaemonSet in namespace " + d.getMetadata().getNamespace());
          });
    }
  }

  private static SpecProblem driverTaken(HasMetadata what, String holder) {
    return new SpecProblem(
        "DriverOwnedElsewhere",
        what.getMetadata().getName()
            + " is already run by "
            + holder
            + ": one Strata driver per Kubernetes cluster; put this CephCluster in that namespace"
            + " or set spec.csi.enabled=false");
  }

  private String image(CephCluster cluster) {
    String image = cluster.getSpec().csi.image;
    return image == null || image.isBlank() ? defaultImage : image;
  }

  /**
   * The plugins read the cluster config from a subPath mount, which the kubelet never refreshes: a
   * hash of it in each pod template rolls them when it changes (a CephCluster made again gets a new
   * fsid), as kustomize's name suffix does for deploy/.
   */
  private static List<HasMetadata> withConfigHash(List<HasMetadata> workloads, String config) {
    String hash = Applier.sha256(config);
    for (HasMetadata workload : workloads) {
      PodTemplateSpec template = DriverManifests.template(workload);
      boolean readsConfig =
          template.getSpec().getVolumes().stream()
              .anyMatch(
                  v -> v.getConfigMap() != null && CONFIG_MAP.equals(v.getConfigMap().getName()));
      if (readsConfig) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (template.getMetadata().getAnnotations() != null) {
          annotations.putAll(template.getMetadata().getAnnotations());
        }
        annotations.put(CONFIG_HASH_ANNOTATION, hash);
        template.getMetadata().setAnnotations(annotations);
      }
    }
    return workloads;
  }

  private static List<HasMetadata> withImage(List<HasMetadata> workloads, String image) {
    for (HasMetadata workload : workloads) {
      DriverManifests.template(workload).getSpec().getContainers().stream()
          .filter(c -> IMAGE_PLACEHOLDER.equals(c.getImage()))
          .forEach(c -> c.setImage(image));
    }
    return workloads;
  }

  /** Points the bindings' subjects (our ServiceAccounts) at {@code namespace}. */
  private static List<HasMetadata> retargeted(List<HasMetadata> objects, String namespace) {
    List<HasMetadata> result = new ArrayList<>();
    for (HasMetadata object : objects) {
      if (object instanceof RoleBinding binding) {
        binding.getSubjects().forEach(s -> s.setNamespace(namespace));
      }
      if (object instanceof ClusterRoleBinding binding) {
        binding.getSubjects().forEach(s -> s.setNamespace(namespace));
        // one binding per namespace that runs the driver
        binding.getMetadata().setName(binding.getMetadata().getName() + "-" + namespace);
      }
      if (object instanceof Namespaced) {
        object.getMetadata().setNamespace(namespace);
      }
      result.add(object);
    }
    return result;
  }

  private static String base64(String value) {
    return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
  }

  /** The plugins' --cluster-config file: this cluster's id (its fsid) and monitors. */
  static String clusterConfig(String fsid, List<String> monitors) {
    try {
      return JSON.writerWithDefaultPrettyPrinter()
          .writeValueAsString(
              List.of(
                  Map.of(
                      "clusterID",
                      fsid,
                      "monitors",
                      monitors,
                      "rbd",
                      Map.of("radosNamespace", ""),
                      "cephFS",
                      Map.of("subvolumeGroup", "csi"))));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
