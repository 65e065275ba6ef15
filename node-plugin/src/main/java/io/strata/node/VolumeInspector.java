package io.strata.node;

import io.strata.csi.CsiException;
import io.strata.node.exec.CommandException;
import io.strata.node.fs.FilesystemStats;
import io.strata.node.mount.MountTable;
import io.strata.node.state.AccessType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * NodeGetVolumeStats for every backend: usage of a published or staged volume and whether it is
 * healthy. A volume is abnormal when the backend reports a problem (rbd-fuse or ceph-fuse daemon
 * gone, device unmapped), its path is no longer mounted, or its filesystem stops answering (stat
 * fails with EIO or ENOTCONN, "transport endpoint is not connected").
 */
public final class VolumeInspector {
  private final NodeBackend backend;
  private final MountTable mounts;
  private final FilesystemStats stats;

  public VolumeInspector(NodeBackend backend, MountTable mounts, FilesystemStats stats) {
    this.backend = backend;
    this.mounts = mounts;
    this.stats = stats;
  }

  /** Usage (absent for an abnormal volume whose filesystem cannot be read) and condition. */
  public record Report(
      Optional<FilesystemStats.Usage> usage, long blockBytes, Optional<String> problem) {}

  public Report inspect(String volumeId, Path volumePath) {
    StagedVolume volume =
        backend
            .find(volumeId)
            .orElseThrow(
                () -> CsiException.notFound("volume " + volumeId + " is not staged on this node"));
    if (!Files.exists(volumePath) && !mounts.isMountPoint(volumePath)) {
      throw CsiException.notFound("volume path " + volumePath + " does not exist");
    }
    Optional<String> problem = backend.problem(volume);
    if (problem.isEmpty() && !mounts.isMountPoint(volumePath)) {
      problem = Optional.of(volumePath + " is not mounted");
    }
    if (volume.accessType() == AccessType.BLOCK) {
      long size = problem.isPresent() ? 0 : stats.deviceSize(volume.device());
      return new Report(Optional.empty(), size, problem);
    }
    try {
      return new Report(Optional.of(stats.usage(volumePath)), 0, problem);
    } catch (CommandException e) {
      return new Report(
          Optional.empty(),
          0,
          Optional.of(
              problem.orElse("filesystem at " + volumePath + " does not answer: " + e.stderr())));
    }
  }
}
