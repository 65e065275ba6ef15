package io.strata.test.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.strata.cli.StrataCommand;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The FUSE holder and the node plugins that use it agree: the plugins dial the socket the holder
 * serves, on the same host directory; both share the node's PID namespace (the plugins find and
 * stop the holder's daemons by pid); the holder sees every path a daemon mounts on (the kubelet
 * directory and the plugins' state directories) at its host path, Bidirectional, so the mounts
 * reach the host and the plugins; its --allowed-dir covers each plugin's state directory (the
 * daemons' logs); and it reads key files from the host's /dev/shm, where the plugins write them.
 */
final class FuseHolderPaths {
  static final String CONTAINER = "holder";

  private final Workload holder;
  private final List<String> problems = new ArrayList<>();

  private FuseHolderPaths(Workload holder) {
    this.holder = holder;
  }

  static List<String> check(Workload holder, List<Workload> nodes) {
    FuseHolderPaths paths = new FuseHolderPaths(holder);
    paths.run(nodes);
    return paths.problems;
  }

  private void run(List<Workload> nodes) {
    Optional<Container> found = holder.container(CONTAINER);
    require(found.isPresent(), "no container named " + CONTAINER);
    if (found.isEmpty()) {
      return;
    }
    Container container = found.get();
    CommandSpec spec;
    try {
      spec = parse(Workload.args(container));
    } catch (CommandLine.ParameterException | IllegalArgumentException e) {
      problems.add(holder + ": holder args the strata command refuses: " + e.getMessage());
      return;
    }
    Path socket = Path.of(spec.findOption("--endpoint").getValue().toString().substring(7));
    List<Path> allowed = spec.findOption("--allowed-dir").getValue();
    require(Boolean.TRUE.equals(holder.spec().getHostPID()), "the holder must use hostPID");
    require(
        Boolean.TRUE.equals(container.getSecurityContext().getPrivileged()),
        "the holder must be privileged (FUSE mounts)");
    require(hostPathUnder(container, socket.getParent(), false), "socket dir on no host path");
    require(hostPathUnder(container, Path.of("/dev/shm"), false), "no host /dev/shm");
    for (Workload node : nodes) {
      Container plugin = node.container(PodChecks.PLUGIN).orElseThrow();
      PluginArgs args = PluginArgs.parse(Workload.args(plugin));
      Optional<String> dialed = node.flag(plugin, "--fuse-holder");
      require(
          dialed.map(("unix://" + socket)::equals).orElse(false),
          node + " must dial --fuse-holder=unix://" + socket + ", dials " + dialed.orElse("none"));
      require(Boolean.TRUE.equals(node.spec().getHostPID()), node + " must use hostPID");
      require(
          Workload.mountAt(plugin, socket.getParent().toString())
              .flatMap(m -> node.hostPath(m.getName()))
              .map(socket.getParent().toString()::equals)
              .orElse(false),
          node + " must mount the holder's socket dir " + socket.getParent() + " from the host");
      Path state = args.stateDir().orElseThrow();
      require(
          allowed.stream().anyMatch(state::startsWith),
          "--allowed-dir " + allowed + " must cover " + node + "'s --state-dir " + state);
      require(
          hostPathUnder(container, state, true),
          "must see " + node + "'s --state-dir " + state + " at its host path, Bidirectional");
      node.hostPath("kubelet-dir")
          .ifPresent(kubelet ->
              require(
                  hostPathUnder(container, Path.of(kubelet), true),
                  "must mount the kubelet dir " + kubelet + " at its host path, Bidirectional"));
    }
  }

  private static CommandSpec parse(List<String> args) {
    CommandLine.ParseResult sub =
        new CommandLine(new StrataCommand()).parseArgs(args.toArray(String[]::new)).subcommand();
    if (sub == null || !sub.commandSpec().name().equals("fuse-holder")) {
      throw new IllegalArgumentException("the holder must run `strata fuse-holder`: " + args);
    }
    return sub.commandSpec();
  }

  /** A mount of a hostPath volume covers {@code path} at the same path inside and out. */
  private boolean hostPathUnder(Container container, Path path, boolean bidirectional) {
    for (VolumeMount mount : Workload.mounts(container)) {
      Optional<String> host = holder.hostPath(mount.getName());
      if (host.isPresent()
          && host.get().equals(mount.getMountPath())
          && path.startsWith(mount.getMountPath())
          && (!bidirectional || "Bidirectional".equals(mount.getMountPropagation()))) {
        return true;
      }
    }
    return false;
  }

  private void require(boolean condition, String problem) {
    if (!condition) {
      problems.add(holder + ": " + problem);
    }
  }
}
