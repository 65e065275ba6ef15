package io.strata.test.manifests;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What must hold in every assembled plugin pod, whether the sidecars were added by these tests
 * ({@link SidecarComponents}) or by kustomize ({@link RenderedManifestsTest}). Each method returns
 * the problems it finds, each naming its workload.
 */
final class PodChecks {
  static final String PLUGIN = "plugin";
  static final String LIVENESS_PORT = "strata.io/liveness-port";

  private final Workload pod;
  private final List<String> problems = new ArrayList<>();

  private PodChecks(Workload pod) {
    this.pod = pod;
  }

  /** Mounts name volumes that exist; every $(VAR) and every annotation an env var reads exists. */
  static List<String> references(Workload pod) {
    PodChecks checks = new PodChecks(pod);
    for (Container c : pod.spec().getContainers()) {
      for (VolumeMount mount : Workload.mounts(c)) {
        checks.require(
            pod.volume(mount.getName()).isPresent(),
            c.getName() + " mounts volume " + mount.getName() + ", which the pod does not have");
      }
      for (String variable : Workload.variables(c)) {
        checks.require(
            pod.env(c, variable).isPresent(),
            c.getName() + " uses $(" + variable + ") but has no such env var");
      }
      for (EnvVar env : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
        String key = Workload.annotationRef(env).orElse(null);
        checks.require(
            key == null || pod.annotations().containsKey(key),
            String.format(
                "%s env %s reads pod annotation %s, not set", c.getName(), env.getName(), key));
      }
    }
    return checks.problems;
  }

  /** The plugin's args parse, its socket is on a volume every sidecar dials, config is mounted. */
  static List<String> plugin(Workload pod, String expectedCommand) {
    PodChecks checks = new PodChecks(pod);
    Container plugin = pod.container(PLUGIN).orElse(null);
    if (plugin == null) {
      return List.of(pod + ": no container named " + PLUGIN);
    }
    PluginArgs args = PluginArgs.parse(Workload.args(plugin));
    checks.require(
        args.command().equals(expectedCommand),
        "plugin runs `" + args.command() + "`, expected `" + expectedCommand + "`");
    Path socket = args.socket();
    Optional<VolumeMount> socketMount = Workload.mountAt(plugin, socket.getParent().toString());
    checks.require(
        socketMount.isPresent(), "plugin socket dir " + socket.getParent() + " is not a volume");
    socketMount.ifPresent(m -> checks.sidecarsDial(m.getName(), socket.getFileName().toString()));
    checks.configMounted(plugin, args.clusterConfig());
    checks.liveness(plugin);
    args.secretsDir()
        .ifPresent(dir ->
            checks.require(
                Workload.mountAt(plugin, dir.toString())
                    .flatMap(m -> pod.volume(m.getName()))
                    .map(v -> v.getSecret() != null)
                    .orElse(false),
                "--secrets-dir " + dir + " is not a mounted Secret"));
    return checks.problems;
  }

  /** Every container with --csi-address mounts the plugin's socket volume where it dials. */
  private void sidecarsDial(String socketVolume, String socketName) {
    for (Container c : pod.spec().getContainers()) {
      pod.flag(c, "--csi-address")
          .map(Path::of)
          .ifPresent(address -> {
            require(
                address.getFileName().toString().equals(socketName),
                c.getName() + " dials " + address + ", the plugin serves " + socketName);
            require(
                Workload.mountAt(c, address.getParent().toString())
                    .map(m -> m.getName().equals(socketVolume))
                    .orElse(false),
                c.getName() + " has not the plugin's socket volume at " + address.getParent());
          });
    }
  }

  private void configMounted(Container plugin, Path config) {
    Optional<VolumeMount> mount =
        Workload.mountAt(plugin, config.toString())
            .filter(m -> config.getFileName().toString().equals(m.getSubPath()))
            .or(() -> Workload.mountAt(plugin, config.getParent().toString()));
    Optional<Volume> volume = mount.flatMap(m -> pod.volume(m.getName()));
    require(
        volume.map(v -> v.getConfigMap() != null).orElse(false),
        "--cluster-config " + config + " is not a file of a mounted ConfigMap");
  }

  /** The plugin's livenessProbe asks the liveness-probe sidecar, on the annotated port. */
  private void liveness(Container plugin) {
    String port = pod.annotations().get(LIVENESS_PORT);
    require(port != null, "no " + LIVENESS_PORT + " annotation");
    require(
        plugin.getLivenessProbe() != null
            && plugin.getLivenessProbe().getHttpGet() != null
            && String.valueOf(plugin.getLivenessProbe().getHttpGet().getPort().getValue())
                .equals(port)
            && "/healthz".equals(plugin.getLivenessProbe().getHttpGet().getPath()),
        "plugin livenessProbe is not GET /healthz on port " + port);
    pod.container("liveness-probe")
        .ifPresent(probe ->
            require(
                pod.flag(probe, "--http-endpoint").map((":" + port)::equals).orElse(false),
                "liveness-probe --http-endpoint is not :" + port));
  }

  private void require(boolean condition, String problem) {
    if (!condition) {
      problems.add(pod + ": " + problem);
    }
  }
}
