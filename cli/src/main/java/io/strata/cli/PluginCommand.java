package io.strata.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code strata plugin}: Identity, Controller and Node in one process on one socket, as the CSI
 * spec's single "Plugin" deployment (and csi-sanity's one-endpoint runs) expect. The services are
 * built by the same {@link ControllerOptions} and {@link NodeOptions} as the separate commands.
 */
@Command(
    name = "plugin",
    description = "Run the CSI controller and node plugin in one process, on one socket.")
final class PluginCommand implements Callable<Integer> {
  @Mixin PluginOptions options;
  @Mixin ControllerOptions controller;
  @Mixin NodeOptions node;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, controller.ownSecrets(), this::services);
  }

  PluginRunner.Services services(PluginRunner.Clusters clusters) {
    return controller.services(options.type, clusters).and(node.services(options.type, clusters));
  }
}
