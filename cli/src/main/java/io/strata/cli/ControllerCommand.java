package io.strata.cli;

import io.strata.controller.AccessModes;
import io.strata.controller.ControllerService;
import io.strata.controller.cephfs.CephFsBackend;
import io.strata.controller.flow.SnapshotFlow;
import io.strata.controller.flow.VolumeFlow;
import io.strata.controller.rbd.RbdBackend;
import io.strata.csi.ClusterAccess;
import io.strata.csi.NameLocks;
import io.strata.csi.identity.IdentityService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code strata controller}: the CSI controller plugin (Identity + Controller). */
@Command(name = "controller", description = "Run the CSI controller plugin.")
final class ControllerCommand implements Callable<Integer> {
  @Mixin PluginOptions options;

  @Option(
      names = "--secrets-dir",
      description =
          "Directory with files userID and userKey (a mounted Kubernetes Secret): the"
              + " controller's own cephx user for RPCs that carry no secrets (ListVolumes,"
              + " GetCapacity, ControllerGetVolume). Without it those are not advertised.")
  Path secretsDir;

  @Option(
      names = "--clone-depth-limit",
      defaultValue = "" + RbdBackend.DEFAULT_CLONE_DEPTH_LIMIT,
      description =
          "RBD: flatten clones whose chain of parents grows longer (default: ${DEFAULT-VALUE}).")
  int cloneDepthLimit;

  @Option(
      names = "--max-volume-bytes",
      defaultValue = "" + VolumeFlow.DEFAULT_MAX_VOLUME_BYTES,
      description =
          "Largest volume CreateVolume and ControllerExpandVolume make; larger requests are"
              + " OUT_OF_RANGE (default: ${DEFAULT-VALUE}, 64 TiB).")
  long maxVolumeBytes;

  @Override
  public Integer call() throws Exception {
    return PluginRunner.serve(options, ownSecrets(), this::services);
  }

  private Map<String, String> ownSecrets() throws IOException {
    if (secretsDir == null) {
      return Map.of();
    }
    return Map.of(
        ClusterAccess.USER_ID,
        Files.readString(secretsDir.resolve(ClusterAccess.USER_ID)).strip(),
        ClusterAccess.USER_KEY,
        Files.readString(secretsDir.resolve(ClusterAccess.USER_KEY)).strip());
  }

  private PluginRunner.Services services(PluginRunner.Clusters clusters) {
    ClusterAccess access = clusters.access();
    NameLocks locks = new NameLocks();
    return switch (options.type) {
      case rbd -> {
        RbdBackend backend = new RbdBackend(cloneDepthLimit);
        yield new PluginRunner.Services(
            List.of(
                new ControllerService(
                    new VolumeFlow<>(backend, access, locks, maxVolumeBytes),
                    new SnapshotFlow<>(backend, access, locks),
                    AccessModes.rbd(),
                    access.hasOwnSecrets())),
            List.of(IdentityService.controllerService()));
      }
      case cephfs -> {
        CephFsBackend backend = new CephFsBackend();
        yield new PluginRunner.Services(
            List.of(
                new ControllerService(
                    new VolumeFlow<>(backend, access, locks, maxVolumeBytes),
                    new SnapshotFlow<>(backend, access, locks),
                    AccessModes.cephfs(),
                    access.hasOwnSecrets())),
            List.of(IdentityService.controllerService()));
      }
    };
  }
}
