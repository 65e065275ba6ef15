package io.strata.cli;

import io.strata.controller.AccessModes;
import io.strata.controller.ControllerService;
import io.strata.controller.flow.VolumeFlow;
import io.strata.controller.rbd.RbdBackend;
import io.strata.csi.NameLocks;
import io.strata.csi.identity.IdentityService;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code strata controller}: the CSI controller plugin (Identity + Controller). */
@Command(name = "controller", description = "Run the CSI controller plugin.")
final class ControllerCommand implements Callable<Integer> {
  @Mixin PluginOptions options;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, this::services);
  }

  private PluginRunner.Services services(PluginRunner.Clusters clusters) {
    return switch (options.type) {
      case rbd ->
          new PluginRunner.Services(
              List.of(
                  new ControllerService(
                      new VolumeFlow<>(new RbdBackend(), clusters.access(), new NameLocks()),
                      AccessModes.rbd())),
              List.of(IdentityService.controllerService()));
      case cephfs -> new PluginRunner.Services(List.of(), List.of());
    };
  }
}
