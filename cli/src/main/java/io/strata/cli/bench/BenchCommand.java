package io.strata.cli.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ConnectionSpec;
import io.strata.csi.ClusterAccess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code strata bench}: a load generator for any CSI driver's sockets, with a raw Ceph baseline.
 */
@Command(
    name = "bench",
    description = {
      "Drive a CSI controller (and node) endpoint with N operations at concurrency C and report"
          + " latency percentiles, errors by gRPC code, ops/s and plugin memory. Every volume and"
          + " snapshot a run creates is deleted at its end.",
    },
    subcommands = {StartupCommand.class})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--endpoint", description = "Controller endpoint: unix:///path or tcp://h:p.")
  String endpoint;

  @Option(names = "--node-endpoint", description = "Node endpoint, for stage-publish.")
  String nodeEndpoint;

  @Option(
      names = "--ops",
      split = ",",
      defaultValue = "create-delete",
      description =
          "create-delete, snapshot, clone-from-snapshot, stage-publish; comma-separated"
              + " (default: ${DEFAULT-VALUE}).")
  List<String> ops;

  @Option(names = "--count", defaultValue = "100", description = "Iterations per op.")
  int count;

  @Option(names = "--concurrency", defaultValue = "1", description = "Iterations at once.")
  int concurrency;

  @Option(
      names = "--warmup",
      defaultValue = "1",
      description = "Untimed iterations before each run (default: ${DEFAULT-VALUE}).")
  int warmups;

  @Option(
      names = "--size",
      defaultValue = "1073741824",
      description = "Volume size in bytes (default: ${DEFAULT-VALUE}).")
  long sizeBytes;

  @Option(
      names = "--parameters",
      description = "StorageClass parameter key=value; repeatable, wins over --parameters-file.")
  Map<String, String> parameters = new LinkedHashMap<>();

  @Option(names = "--parameters-file", description = "YAML map of StorageClass parameters.")
  Path parametersFile;

  @Option(names = "--snapshot-parameters", description = "VolumeSnapshotClass parameter k=v.")
  Map<String, String> snapshotParameters = new LinkedHashMap<>();

  @Option(
      names = "--secrets-file",
      description =
          "YAML map of CSI secrets (userID, userKey) sent with every call that takes them.")
  Path secretsFile;

  @Option(
      names = "--access-type",
      defaultValue = "mount",
      description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  CsiRequests.AccessType accessType;

  @Option(names = "--fs-type", description = "Filesystem for mount access (plugin default).")
  String fsType;

  @Option(
      names = "--staging-dir",
      defaultValue = "/tmp/strata-bench/staging",
      description = "Where stage-publish stages volumes (default: ${DEFAULT-VALUE}).")
  Path stagingDir;

  @Option(
      names = "--target-dir",
      defaultValue = "/tmp/strata-bench/target",
      description = "Where stage-publish publishes volumes (default: ${DEFAULT-VALUE}).")
  Path targetDir;

  @Option(
      names = "--compare",
      paramLabel = "ENDPOINT",
      description = "A second controller endpoint: each op runs on both, and ratios are printed.")
  String compareEndpoint;

  @Option(
      names = "--raw",
      description =
          "Also time the same Ceph operations straight through librbd or the manager, as a"
              + " baseline (RBD, or CephFS when the parameters have fsName).")
  boolean raw;

  @Option(
      names = "--cluster-dir",
      description =
          "A `strata local up` directory: supplies the admin secrets, the clusterID parameter"
              + " and the raw baseline's monitors and key when not given otherwise.")
  Path clusterDir;

  @Option(names = "--ceph-monitors", split = ",", description = "Raw baseline: monitor addresses.")
  List<String> cephMonitors;

  @Option(names = "--ceph-user", description = "Raw baseline: cephx user (default: userID).")
  String cephUser;

  @Option(names = "--ceph-key", description = "Raw baseline: cephx key (default: userKey).")
  String cephKey;

  @Option(names = "--subvolume-group", description = "Raw CephFS baseline: group (default csi).")
  String subvolumeGroup;

  @Option(
      names = "--plugin-pid",
      description = "Report this process's RSS before and after each run; repeatable.")
  List<Long> pluginPids = List.of();

  @Option(
      names = "--rpc-timeout",
      defaultValue = "120",
      description =
          "Seconds each call may take, ABORTED retries included (default: ${DEFAULT-VALUE}).")
  long rpcTimeoutSeconds;

  @Option(
      names = "--name-prefix",
      defaultValue = "bench",
      description = "Start of every name a run creates (default: ${DEFAULT-VALUE}).")
  String namePrefix;

  @Option(names = "--json", description = "Print the report as JSON.")
  boolean json;

  @Override
  public Integer call() throws IOException {
    List<Scenario> scenarios = scenarios();
    Optional<ClusterDir> dir =
        clusterDir == null ? Optional.empty() : Optional.of(ClusterDir.read(clusterDir));
    CsiRequests requests =
        new CsiRequests(parameters(dir), snapshotParameters, secrets(dir), accessType, fsType);
    Duration timeout = Duration.ofSeconds(rpcTimeoutSeconds);
    BenchRunner.Plan plan =
        new BenchRunner.Plan(
            scenarios, count, concurrency, warmups, sizeBytes, timeout, namePrefix, pluginPids);
    String runId = UUID.randomUUID().toString().substring(0, 6);
    BenchReport report;
    try (Target main = openEndpoint(endpoint, requests, timeout, scenarios);
        Target other =
            compareEndpoint == null ? null : CsiTarget.open(compareEndpoint, requests, timeout);
        Target baseline = raw ? openRaw(requests, dir) : null) {
      report =
          new BenchRunner(plan)
              .run(runId, main, Optional.ofNullable(other), Optional.ofNullable(baseline));
    }
    System.out.print(
        json
            ? new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(report) + "\n"
            : ReportText.format(report));
    return report.exitCode();
  }

  /** Checks the flags that picocli cannot, and turns --ops into scenarios. */
  List<Scenario> scenarios() {
    if (endpoint == null) {
      throw new ParameterException(spec.commandLine(), "--endpoint is required");
    }
    if (count < 1 || concurrency < 1 || sizeBytes < 0 || warmups < 0) {
      throw new ParameterException(
          spec.commandLine(),
          "--count and --concurrency must be at least 1, --size and --warmup at least 0");
    }
    List<Scenario> scenarios;
    try {
      scenarios = ops.stream().map(Scenario::parse).distinct().toList();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (nodeEndpoint == null && scenarios.stream().anyMatch(Scenario::needsNode)) {
      throw new ParameterException(spec.commandLine(), "stage-publish needs --node-endpoint");
    }
    return scenarios;
  }

  /** clusterID from --cluster-dir, then --parameters-file, then --parameters: later ones win. */
  Map<String, String> parameters(Optional<ClusterDir> dir) throws IOException {
    Map<String, String> merged = new LinkedHashMap<>();
    dir.ifPresent(d -> merged.put("clusterID", d.cluster().clusterId()));
    if (parametersFile != null) {
      merged.putAll(YamlMaps.read(parametersFile));
    }
    merged.putAll(parameters);
    return merged;
  }

  /** --secrets-file, or the admin user of --cluster-dir, or none. */
  Map<String, String> secrets(Optional<ClusterDir> dir) throws IOException {
    if (secretsFile != null) {
      return YamlMaps.read(secretsFile);
    }
    return dir.map(ClusterDir::adminSecrets).orElse(Map.of());
  }

  /** The raw baseline's cephx identity: flags first, then the secrets, then --cluster-dir. */
  ConnectionSpec rawConnection(CsiRequests requests, Optional<ClusterDir> dir) {
    List<String> monitors =
        cephMonitors != null
            ? cephMonitors
            : dir.map(d -> d.cluster().monitors()).orElse(List.of());
    String user =
        cephUser != null
            ? cephUser
            : requests.secrets().getOrDefault(ClusterAccess.USER_ID, ClusterDir.ADMIN);
    String key =
        cephKey != null
            ? cephKey
            : requests
                .secrets()
                .getOrDefault(ClusterAccess.USER_KEY, dir.map(ClusterDir::adminKey).orElse(null));
    if (monitors.isEmpty() || key == null) {
      throw new ParameterException(
          spec.commandLine(),
          "--raw needs monitors and a key: --cluster-dir, or --ceph-monitors with --ceph-key or"
              + " a secrets file");
    }
    return new ConnectionSpec(monitors, user, key);
  }

  private Target openRaw(CsiRequests requests, Optional<ClusterDir> dir) {
    Optional<ClusterConfig> cluster = dir.map(ClusterDir::cluster);
    String group =
        subvolumeGroup != null
            ? subvolumeGroup
            : cluster
                .map(c -> c.cephFs().subvolumeGroup())
                .orElse(ClusterConfig.DEFAULT_SUBVOLUME_GROUP);
    String namespace = cluster.map(c -> c.rbd().radosNamespace()).orElse("");
    return RawTargets.open(requests.parameters(), rawConnection(requests, dir), group, namespace);
  }

  private Target openEndpoint(
      String uri, CsiRequests requests, Duration timeout, List<Scenario> scenarios) {
    CsiTarget target = CsiTarget.open(uri, requests, timeout);
    if (scenarios.stream().noneMatch(Scenario::needsNode)) {
      return target;
    }
    try {
      return target.withNode(nodeEndpoint, new NodePaths(stagingDir, targetDir));
    } catch (RuntimeException e) {
      target.close();
      throw e;
    }
  }
}
