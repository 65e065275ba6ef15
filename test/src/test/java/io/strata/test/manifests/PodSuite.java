package io.strata.test.manifests;

import io.strata.csi.identity.PluginInfo;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;
import picocli.CommandLine;

/** All pod checks over one set of assembled workloads: the base, or a rendered kustomization. */
final class PodSuite {
  static final List<String> CONTROLLER_SIDECARS =
      List.of("csi-provisioner", "csi-snapshotter", "csi-resizer", "liveness-probe");
  static final List<String> NODE_SIDECARS = List.of("node-driver-registrar", "liveness-probe");
  static final String FUSE_HOLDER = "fuse-holder";

  private PodSuite() {}

  static List<String> check(List<Workload> pods) {
    List<String> problems = new ArrayList<>();
    Set<String> controllers = new HashSet<>();
    Set<String> nodes = new HashSet<>();
    Set<String> hostPorts = new HashSet<>();
    Set<String> stateDirs = new HashSet<>();
    List<Workload> holders = pods.stream().filter(p -> p.component().equals(FUSE_HOLDER)).toList();
    for (Workload pod : pods) {
      problems.addAll(PodChecks.references(pod));
      if (pod.component().equals(FUSE_HOLDER)) {
        continue;
      }
      boolean node = pod.component().equals("node");
      if (!node && !pod.component().equals("controller")) {
        problems.add(
            pod + ": app.kubernetes.io/component must be controller, node or " + FUSE_HOLDER);
        continue;
      }
      expectContainers(pod, node ? NODE_SIDECARS : CONTROLLER_SIDECARS, problems);
      PluginArgs args;
      try {
        args = PluginArgs.parse(Workload.args(pod.container(PodChecks.PLUGIN).orElseThrow()));
      } catch (CommandLine.ParameterException | NoSuchElementException e) {
        problems.add(pod + ": plugin args the strata command refuses: " + e.getMessage());
        continue;
      }
      problems.addAll(PodChecks.plugin(pod, node ? "node" : "controller"));
      if (!(node ? nodes : controllers).add(args.driverName())) {
        problems.add(pod + ": a second " + pod.component() + " for " + args.driverName());
      }
      if (node) {
        problems.addAll(NodePaths.check(pod));
        if (!hostPorts.add(pod.annotations().get(PodChecks.LIVENESS_PORT))) {
          problems.add(pod + ": liveness port taken by another host-network pod");
        }
        if (!stateDirs.add(args.stateDir().orElseThrow().toString())) {
          problems.add(pod + ": --state-dir shared with another node plugin");
        }
      }
    }
    if (holders.size() != 1) {
      problems.add("one FUSE holder DaemonSet expected, found " + holders);
    } else {
      List<Workload> nodePods = pods.stream().filter(p -> p.component().equals("node")).toList();
      problems.addAll(FuseHolderPaths.check(holders.get(0), nodePods));
    }
    Set<String> drivers = Set.of(PluginInfo.RBD_DRIVER, PluginInfo.CEPHFS_DRIVER);
    if (!controllers.equals(drivers) || !nodes.equals(drivers)) {
      problems.add(
          "controllers " + controllers + " and nodes " + nodes + " must both be " + drivers);
    }
    return problems;
  }

  private static void expectContainers(Workload pod, List<String> sidecars, List<String> problems) {
    Set<String> names = new HashSet<>();
    pod.spec().getContainers().forEach(c -> names.add(c.getName()));
    Set<String> expected = new HashSet<>(sidecars);
    expected.add(PodChecks.PLUGIN);
    if (!names.equals(expected)) {
      problems.add(pod + ": containers " + names + ", expected " + expected);
    }
  }
}
