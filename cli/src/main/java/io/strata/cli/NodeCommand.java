package io.strata.cli;

import io.micrometer.core.instrument.Gauge;
import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import io.strata.node.StartupFinding;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata node}: the CSI node plugin (Identity + Node). */
@Command(name = "node", description = "Run the CSI node plugin.")
final class NodeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(NodeCommand.class);

  @Mixin PluginOptions options;

  @Option(
      names = "--node-id",
      required = true,
      description = "This node's id as the CO knows it (usually the Kubernetes node name).")
  String nodeId;

  @Option(
      names = "--state-dir",
      defaultValue = "/var/lib/strata/node",
      description =
          "Survives plugin restarts: stage records, rbd-fuse mount points and FUSE daemon logs"
              + " (default: ${DEFAULT-VALUE}).")
  Path stateDir;

  @Option(
      names = "--max-volumes",
      defaultValue = "0",
      description = "Volumes this node may attach; 0 for no limit (default: ${DEFAULT-VALUE}).")
  long maxVolumes;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, this::services);
  }

  private PluginRunner.Services services(PluginRunner.Clusters clusters) {
    NodeConfig config = NodeConfig.of(nodeId, stateDir).withMaxVolumes(maxVolumes);
    ProcessRunner runner = new ProcessRunner();
    NodePlugin plugin =
        switch (options.type) {
          case rbd -> NodePlugin.rbd(config, clusters.configs(), runner, CephArgs.defaults());
          case cephfs -> NodePlugin.cephfs(config, clusters.configs(), runner, CephArgs.defaults());
        };
    // before serving: CephFS mounts whose ceph-fuse died are mounted again here
    for (StartupFinding finding : plugin.startUp()) {
      LOG.info(
          "staged volume {} on {}: {}",
          finding.volumeId(),
          finding.source(),
          finding.problem().orElse("serving"));
    }
    return new PluginRunner.Services(
        List.of(plugin.service()),
        List.of(),
        registry ->
            Gauge.builder("csi.volumes.staged", plugin, NodePlugin::stagedVolumes)
                .description("Volumes staged on this node (its stage records)")
                .register(registry));
  }
}
