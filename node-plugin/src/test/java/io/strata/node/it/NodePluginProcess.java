package io.strata.node.it;

import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * A node plugin in a JVM of its own, for the tests that kill it with SIGKILL: {@code
 * NodePluginProcess <socket> <state dir> <monitors> <RBD|CEPHFS>}. It starts as {@code strata node}
 * does (start-up check, then serving) and prints "READY" once it serves. It needs no key: keys
 * arrive with each NodeStageVolume request, as from kubelet.
 */
public final class NodePluginProcess {
  private NodePluginProcess() {}

  public static void main(String[] args) throws Exception {
    Path socket = Path.of(args[0]);
    NodeConfig config = NodeConfig.of("it-node", Path.of(args[1]));
    List<String> monitors = Arrays.asList(args[2].split(","));
    NodePlugin plugin =
        NodePluginHarness.plugin(NodePluginHarness.Type.valueOf(args[3]), config, monitors);
    plugin.startUp();
    new PluginServer(Endpoint.parse("unix://" + socket), List.of(plugin.service()), List.of(), 4)
        .start();
    System.out.println("READY");
    System.out.flush();
    Thread.sleep(Long.MAX_VALUE);
  }
}
