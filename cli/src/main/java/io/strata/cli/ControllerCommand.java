package io.strata.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata controller}: the CSI controller plugin (Identity + Controller). */
@Command(name = "controller", description = "Run the CSI controller plugin.")
final class ControllerCommand implements Callable<Integer> {
  @Mixin PluginOptions options;
  @Mixin ControllerOptions controller;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, controller.ownSecrets(), this::services);
  }

  PluginRunner.Services services(PluginRunner.Clusters clusters) {
    return controller.services(options.type, clusters);
  }
}
