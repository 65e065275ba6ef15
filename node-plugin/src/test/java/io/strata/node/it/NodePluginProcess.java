package io.strata.node.it;

import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A node plugin in a JVM of its own, for the test that kills it with SIGKILL: {@code
 * NodePluginProcess <socket> <state dir> <monitors>}. Prints "READY" once it serves. It needs no
 * key: keys arrive with each NodeStageVolume request, as from kubelet.
 */
public final class NodePluginProcess {
  private NodePluginProcess() {}

  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    NodeConfig config = NodeConfig.of("it-node", Path.of(args[1]));
    List<String> monitors = Arrays.asList(args[2].split(","));
    ClusterConfigs clusters =
        new ClusterConfigs(
            List.of(new ClusterConfig(NodePluginHarness.CLUSTER_ID, monitors, null, null)));
    new PluginServer(
            Endpoint.parse("unix://" + socket),
            List.of(
                NodePlugin.service(
                    config,
                    clusters,
                    new ProcessRunner(),
                    new CephArgs(Path.of("/dev/null"), Duration.ofSeconds(20)))),
            List.of(),
            4)
        .start();
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
