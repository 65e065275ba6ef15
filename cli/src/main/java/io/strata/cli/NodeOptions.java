package io.strata.cli;

import io.micrometer.core.instrument.Gauge;
import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import io.strata.node.StartupFinding;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The node half of a plugin: its flags, and the one place its services are built, for {@code strata
 * node} and {@code strata plugin} alike.
 */
final class NodeOptions {
  private static final Logger LOG = LoggerFactory.getLogger(NodeOptions.class);

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

  @Option(
      names = "--fuse-holder",
      description =
          "The node's FUSE holder (strata fuse-holder), unix:///path: rbd-fuse and ceph-fuse start"
              + " there and survive this plugin's restarts. Without it the plugin starts them in"
              + " its own container, and they end with it.")
  String fuseHolder;

  /**
   * The Node service for one backend, after its start-up repairs (CephFS mounts whose ceph-fuse
   * died are mounted again), and the node's gauges. It earns no plugin capability of its own.
   */
  PluginRunner.Services services(PluginOptions.Type type, PluginRunner.Clusters clusters) {
    NodeConfig config = NodeConfig.of(nodeId, stateDir).withMaxVolumes(maxVolumes);
    if (fuseHolder != null) {
      config = config.withFuseHolder(FuseHolderCommand.unixEndpoint(fuseHolder));
    }
    ProcessRunner runner = new ProcessRunner();
    NodePlugin plugin =
        switch (type) {
          case rbd -> NodePlugin.rbd(config, clusters.configs(), runner, CephArgs.defaults());
          case cephfs -> NodePlugin.cephfs(config, clusters.configs(), runner, CephArgs.defaults());
        };
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
