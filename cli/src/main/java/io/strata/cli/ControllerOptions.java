package io.strata.cli;

import io.strata.controller.AccessModes;
import io.strata.controller.ControllerService;
import io.strata.controller.cephfs.CephFsBackend;
import io.strata.controller.flow.AbandonedCreateReaper;
import io.strata.controller.flow.Placement;
import io.strata.controller.flow.SnapshotFlow;
import io.strata.controller.flow.VolumeBackend;
import io.strata.controller.flow.VolumeFlow;
import io.strata.controller.rbd.RbdBackend;
import io.strata.csi.ClusterAccess;
import io.strata.csi.NameLocks;
import io.strata.csi.identity.IdentityService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * The controller half of a plugin: its flags, and the one place its services are built, for {@code
 * strata controller} and {@code strata plugin} alike.
 */
final class ControllerOptions {
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

  @Option(
      names = "--abandoned-create-seconds",
      defaultValue = "" + AbandonedCreateReaper.DEFAULT_IDLE_SECONDS,
      description =
          "Undo a CreateVolume nobody has asked for again in this long (its PVC deleted while a"
              + " CephFS copy ran, or a create cut by a crash and never retried): the object,"
              + " a running copy and its journal entry go. Needs --secrets-dir; 0 turns it off"
              + " (default: ${DEFAULT-VALUE}).")
  long abandonedCreateSeconds;

  /** The controller's own cephx user from {@code --secrets-dir}; empty without it. */
  Map<String, String> ownSecrets() throws IOException {
    if (secretsDir == null) {
      return Map.of();
    }
    return Map.of(
        ClusterAccess.USER_ID,
        Files.readString(secretsDir.resolve(ClusterAccess.USER_ID)).strip(),
        ClusterAccess.USER_KEY,
        Files.readString(secretsDir.resolve(ClusterAccess.USER_KEY)).strip());
  }

  /** The Controller service for one backend, and the capability it earns. */
  PluginRunner.Services services(PluginOptions.Type type, PluginRunner.Clusters clusters) {
    ControllerService controller =
        switch (type) {
          case rbd -> controller(new RbdBackend(cloneDepthLimit), AccessModes.rbd(), clusters);
          case cephfs -> controller(new CephFsBackend(), AccessModes.cephfs(), clusters);
        };
    return new PluginRunner.Services(
        List.of(controller), List.of(IdentityService.controllerService()));
  }

  private <P extends Placement> ControllerService controller(
      VolumeBackend<P> backend, AccessModes accessModes, PluginRunner.Clusters clusters) {
    ClusterAccess access = clusters.access();
    NameLocks locks = new NameLocks();
    VolumeFlow<P> volumes = new VolumeFlow<>(backend, access, locks, maxVolumeBytes);
    if (access.hasOwnSecrets() && abandonedCreateSeconds > 0) {
      AbandonedCreateReaper.start(volumes, Duration.ofSeconds(abandonedCreateSeconds));
    }
    return new ControllerService(
        volumes, new SnapshotFlow<>(backend, access, locks), accessModes, access.hasOwnSecrets());
  }
}
