package io.strata.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata node}: the CSI node plugin (Identity + Node). */
@Command(name = "node", description = "Run the CSI node plugin.")
final class NodeCommand implements Callable<Integer> {
  @Mixin PluginOptions options;

  @Option(
      names = "--node-id",
      required = true,
      description = "This node's id as the CO knows it (usually the Kubernetes node name).")
  String nodeId;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, clusters -> new PluginRunner.Services(List.of(), List.of()));
  }
}
