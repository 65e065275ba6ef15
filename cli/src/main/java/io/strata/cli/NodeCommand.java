package io.strata.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata node}: the CSI node plugin (Identity + Node). */
@Command(name = "node", description = "Run the CSI node plugin.")
final class NodeCommand implements Callable<Integer> {
  @Mixin PluginOptions options;
  @Mixin NodeOptions node;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, this::services);
  }

  PluginRunner.Services services(PluginRunner.Clusters clusters) {
    return node.services(options.type, clusters);
  }
}
