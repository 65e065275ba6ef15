package io.strata.test.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A node pod's paths agree with each other: the kubelet directory the plugin sees at its host path
 * with Bidirectional propagation, the plugin socket under {@code <kubelet>/plugins/<driver>}, the
 * path node-driver-registrar registers, the kubelet's {@code plugins_registry}, and the host
 * directories the plugin keeps state and keys in. The volume names are the ones
 * deploy/components/kubelet-dir rewrites.
 */
final class NodePaths {
  private final Workload pod;
  private final List<String> problems = new ArrayList<>();

  private NodePaths(Workload pod) {
    this.pod = pod;
  }

  static List<String> check(Workload pod) {
    NodePaths paths = new NodePaths(pod);
    paths.run();
    return paths.problems;
  }

  private void run() {
    Container plugin = pod.container(PodChecks.PLUGIN).orElseThrow();
    PluginArgs args = PluginArgs.parse(Workload.args(plugin));
    Optional<String> kubelet = pod.hostPath("kubelet-dir");
    require(kubelet.isPresent(), "no hostPath volume kubelet-dir");
    if (kubelet.isEmpty()) {
      return;
    }
    Path kubeletDir = Path.of(kubelet.get());
    Path socketDir = kubeletDir.resolve("plugins").resolve(args.driverName());
    Path socket = socketDir.resolve(args.socket().getFileName());
    Optional<VolumeMount> kubeletMount = Workload.mountOf(plugin, "kubelet-dir");
    require(
        kubeletMount
            .map(m ->
                m.getMountPath().equals(kubelet.get())
                    && "Bidirectional".equals(m.getMountPropagation()))
            .orElse(false),
        "plugin must mount kubelet-dir at its host path " + kubeletDir + ", Bidirectional");
    require(
        pod.hostPath("socket-dir").map(socketDir.toString()::equals).orElse(false),
        "socket-dir must be hostPath " + socketDir);
    require(
        Workload.mountOf(plugin, "socket-dir")
            .map(m -> m.getMountPath().equals(args.socket().getParent().toString()))
            .orElse(false),
        "plugin must serve its socket in socket-dir");
    require(
        pod.hostPath("registration-dir")
            .map(kubeletDir.resolve("plugins_registry").toString()::equals)
            .orElse(false),
        "registration-dir must be hostPath " + kubeletDir.resolve("plugins_registry"));
    registrar(socket);
    hostDirectories(plugin, args);
    require(
        Boolean.TRUE.equals(plugin.getSecurityContext().getPrivileged()),
        "plugin must be privileged");
    require(Boolean.TRUE.equals(pod.spec().getHostNetwork()), "node pods use the host network");
  }

  private void registrar(Path socket) {
    Optional<Container> registrar = pod.container("node-driver-registrar");
    require(registrar.isPresent(), "no node-driver-registrar");
    registrar.ifPresent(r -> {
      require(
          pod.flag(r, "--kubelet-registration-path").map(socket.toString()::equals).orElse(false),
          "node-driver-registrar must register "
              + socket
              + ", registers "
              + pod.flag(r, "--kubelet-registration-path").orElse("nothing"));
      // its one GetPluginInfo must outwait the plugin JVM's start, or it restarts every time
      require(
          pod.flag(r, "--timeout")
              .map(t -> t.endsWith("s") && Integer.parseInt(t.replaceAll("s$", "")) >= 30)
              .orElse(false),
          "node-driver-registrar --timeout must be at least 30s (the default 1s is shorter"
              + " than the plugin's start), is "
              + pod.flag(r, "--timeout").orElse("the default"));
      require(
          Workload.mountOf(r, "registration-dir")
              .map(m -> m.getMountPath().equals("/registration"))
              .orElse(false),
          "node-driver-registrar must mount registration-dir at /registration");
    });
  }

  /** --state-dir and the key directory (/dev/shm/strata-keys) outlive the pod on the host. */
  private void hostDirectories(Container plugin, PluginArgs args) {
    Path state = args.stateDir().orElseThrow();
    require(
        hostMount(plugin, state.toString()),
        "--state-dir " + state + " must be the same host path");
    require(hostMount(plugin, "/dev/shm"), "the host's /dev/shm must be mounted at /dev/shm");
    require(
        args.nodeId().map(id -> id.equals("$(NODE_NAME)")).orElse(false)
            && pod.env(plugin, "NODE_NAME")
                .map(e ->
                    e.getValueFrom() != null
                        && "spec.nodeName".equals(e.getValueFrom().getFieldRef().getFieldPath()))
                .orElse(false),
        "--node-id must be $(NODE_NAME) from spec.nodeName");
  }

  private boolean hostMount(Container plugin, String path) {
    return Workload.mountAt(plugin, path)
        .flatMap(m -> pod.hostPath(m.getName()))
        .map(path::equals)
        .orElse(false);
  }

  private void require(boolean condition, String problem) {
    if (!condition) {
      problems.add(pod + ": " + problem);
    }
  }
}
