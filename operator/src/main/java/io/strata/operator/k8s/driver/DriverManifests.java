package io.strata.operator.k8s.driver;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * The CSI driver exactly as {@code deploy/base} describes it, with the sidecar containers of {@code
 * provisioner-sidecar-config/} added where their kustomize components target them: the operator
 * installs the same driver {@code kubectl apply -k deploy/} does, from the same files (bundled into
 * the jar at build time), so versions and flags live in one place.
 */
public final class DriverManifests {
  private static final String BASE = "/io/strata/operator/driver/base/";
  private static final String SIDECARS = "/io/strata/operator/driver/sidecars/";
  private static final List<String> WORKLOADS =
      List.of(
          "controller/rbd.yaml",
          "controller/cephfs.yaml",
          "node/rbd.yaml",
          "node/cephfs.yaml",
          "node/fuse-holder.yaml");
  private static final List<String> SIDECAR_COMPONENTS =
      List.of(
          "csi-provisioner",
          "csi-snapshotter",
          "csi-resizer",
          "node-driver-registrar",
          "livenessprobe");

  private DriverManifests() {}

  /** The CSIDriver objects, cluster-scoped. */
  public static List<HasMetadata> csiDrivers() {
    return List.of(load(BASE + "csidriver-rbd.yaml"), load(BASE + "csidriver-cephfs.yaml"));
  }

  /** ServiceAccounts and the namespaced Role and RoleBinding of the controller sidecars. */
  public static List<HasMetadata> accounts() {
    List<HasMetadata> accounts = new ArrayList<>();
    accounts.add(load(BASE + "rbac/controller-serviceaccount.yaml"));
    accounts.add(load(BASE + "rbac/node-serviceaccount.yaml"));
    accounts.addAll(loadAll(BASE + "rbac/controller-namespace.yaml"));
    return accounts;
  }

  /** The ClusterRoleBindings that give the sidecars their ClusterRoles (which deploy/ installs). */
  public static List<HasMetadata> bindings() {
    return Stream.of("external-provisioner", "external-snapshotter", "external-resizer")
        .flatMap(file -> loadAll(BASE + "rbac/" + file + ".yaml").stream())
        .filter(object -> object instanceof ClusterRoleBinding)
        .toList();
  }

  /** Controller Deployments and node DaemonSets (the FUSE holder too), sidecars included. */
  public static List<HasMetadata> workloads() {
    List<Patch> patches = SIDECAR_COMPONENTS.stream().flatMap(c -> patches(c).stream()).toList();
    List<HasMetadata> workloads = new ArrayList<>();
    for (String file : WORKLOADS) {
      HasMetadata workload = load(BASE + file);
      PodTemplateSpec template = template(workload);
      for (Patch patch : patches) {
        if (patch.targets(workload)) {
          template.getSpec().getContainers().addAll(patch.containers());
        }
      }
      workloads.add(workload);
    }
    return workloads;
  }

  static PodTemplateSpec template(HasMetadata workload) {
    if (workload instanceof Deployment deployment) {
      return deployment.getSpec().getTemplate();
    }
    if (workload instanceof DaemonSet daemonSet) {
      return daemonSet.getSpec().getTemplate();
    }
    throw new IllegalArgumentException("not a workload: " + workload.getKind());
  }

  /** A sidecar patch and the workloads its component targets (kind + label selector). */
  private record Patch(String kind, String label, String value, List<Container> containers) {
    boolean targets(HasMetadata workload) {
      return workload.getKind().equals(kind)
          && value.equals(workload.getMetadata().getLabels().get(label));
    }
  }

  @SuppressWarnings("unchecked")
  private static List<Patch> patches(String component) {
    Map<String, Object> kustomization =
        read(
            SIDECARS + component + "/kustomization.yaml",
            in -> Serialization.unmarshal(in, Map.class));
    List<Patch> patches = new ArrayList<>();
    for (Map<String, Object> patch : (List<Map<String, Object>>) kustomization.get("patches")) {
      Map<String, String> target = (Map<String, String>) patch.get("target");
      String[] selector = target.get("labelSelector").split("=", 2);
      HasMetadata sidecar = load(SIDECARS + component + "/" + patch.get("path"));
      patches.add(
          new Patch(
              target.get("kind"),
              selector[0],
              selector[1],
              template(sidecar).getSpec().getContainers()));
    }
    return patches;
  }

  private static HasMetadata load(String path) {
    List<HasMetadata> objects = loadAll(path);
    if (objects.size() != 1) {
      throw new IllegalStateException(path + " holds " + objects.size() + " objects, not one");
    }
    return objects.get(0);
  }

  @SuppressWarnings("unchecked")
  private static List<HasMetadata> loadAll(String path) {
    Object parsed = read(path, Serialization::unmarshal);
    return parsed instanceof List<?> list
        ? (List<HasMetadata>) list
        : List.of((HasMetadata) parsed);
  }

  private static <T> T read(String path, Function<InputStream, T> parser) {
    try (InputStream in = DriverManifests.class.getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException(path + " is not in the operator jar; rebuild the operator");
      }
      return parser.apply(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
