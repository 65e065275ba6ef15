package io.strata.node;

import io.strata.csi.CsiException;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.exec.CommandException;
import io.strata.node.fs.FilesystemStats;
import io.strata.node.mount.MountTable;
import io.strata.node.state.AccessType;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * NodeGetVolumeStats: usage of a published or staged volume and whether it is healthy. A volume is
 * abnormal when its attachment broke (rbd-fuse daemon gone, device unmapped), its path is no longer
 * mounted, or its filesystem stops answering (stat fails with EIO or ENOTCONN).
 */
public final class VolumeInspector {
  private final StageRecords records;
  private final AttacherSelector attachers;
  private final MountTable mounts;
  private final FilesystemStats stats;

  public VolumeInspector(
      StageRecords records, AttacherSelector attachers, MountTable mounts, FilesystemStats stats) {
    this.records = records;
    this.attachers = attachers;
    this.mounts = mounts;
    this.stats = stats;
  }

  /** Usage (absent for an abnormal volume whose filesystem cannot be read) and condition. */
  public record Report(
      Optional<FilesystemStats.Usage> usage, long blockBytes, Optional<String> problem) {}

  public Report inspect(String volumeId, Path volumePath) {
    StageRecord record =
        records
            .find(volumeId)
            .orElseThrow(
                () -> CsiException.notFound("volume " + volumeId + " is not staged on this node"));
    if (!Files.exists(volumePath) && !mounts.isMountPoint(volumePath)) {
      throw CsiException.notFound("volume path " + volumePath + " does not exist");
    }
    Optional<String> problem =
        attachers.of(record.attachment().method()).problem(record.attachment());
    if (problem.isEmpty() && !mounts.isMountPoint(volumePath)) {
      problem = Optional.of(volumePath + " is not mounted");
    }
    if (record.accessType() == AccessType.BLOCK) {
      long size = problem.isPresent() ? 0 : stats.deviceSize(record.device());
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
