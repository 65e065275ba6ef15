package io.strata.operator.k8s.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class DriverManifestsTest {
  private static Map<String, List<String>> containersByWorkload() {
    return DriverManifests.workloads().stream()
        .collect(
            Collectors.toMap(
                w -> w.getMetadata().getName(),
                w ->
                    DriverManifests.template(w).getSpec().getContainers().stream()
                        .map(Container::getName)
                        .toList()));
  }

  @Test
  void controllersGetTheControllerSidecarsAndNodesTheNodeOnes() {
    Map<String, List<String>> containers = containersByWorkload();

    assertEquals(
        List.of("plugin", "csi-provisioner", "csi-snapshotter", "csi-resizer", "liveness-probe"),
        containers.get("strata-rbd-controller"));
    assertEquals(
        containers.get("strata-rbd-controller"), containers.get("strata-cephfs-controller"));
    assertEquals(
        List.of("plugin", "node-driver-registrar", "liveness-probe"),
        containers.get("strata-rbd-node"));
    assertEquals(containers.get("strata-rbd-node"), containers.get("strata-cephfs-node"));
    // no sidecars for the FUSE holder: nothing registers it with the kubelet
    assertEquals(List.of("holder"), containers.get("strata-fuse-holder"));
  }

  @Test
  void sidecarImagesArePinnedVersionsFromProvisionerSidecarConfig() {
    for (HasMetadata workload : DriverManifests.workloads()) {
      for (Container c : DriverManifests.template(workload).getSpec().getContainers()) {
        if (!c.getImage().equals("strata")) { // the strata image: the operator sets its own
          assertTrue(
              c.getImage().matches("registry\\.k8s\\.io/sig-storage/[a-z-]+:v\\d+\\.\\d+\\.\\d+"),
              c.getName() + " image " + c.getImage());
        }
      }
    }
  }

  @Test
  void eachLoadReturnsFreshObjectsSoCallersMayEditThem() {
    DriverManifests.template(DriverManifests.workloads().get(0))
        .getSpec()
        .getContainers()
        .get(0)
        .setImage("edited");

    assertEquals(
        "strata",
        DriverManifests.template(DriverManifests.workloads().get(0))
            .getSpec()
            .getContainers()
            .get(0)
            .getImage());
  }

  @Test
  void bindingsGiveTheControllerAccountTheSidecarRoles() {
    List<HasMetadata> bindings = DriverManifests.bindings();

    assertEquals(3, bindings.size());
    for (HasMetadata object : bindings) {
      ClusterRoleBinding binding = (ClusterRoleBinding) object;
      assertEquals("strata-controller", binding.getSubjects().get(0).getName());
      assertEquals(binding.getMetadata().getName(), binding.getRoleRef().getName());
    }
  }
}
