package io.strata.node.rbd;

import io.strata.csi.CsiException;
import io.strata.node.attach.Attacher;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.fs.FilesystemResizer;
import io.strata.node.fs.FilesystemStats;
import io.strata.node.mount.MountTable;
import io.strata.node.state.AccessType;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * NodeExpandVolume: after the controller grew the image, make the device show the new size (a loop
 * device must re-read its file; krbd and rbd-nbd follow by themselves) and grow the filesystem on
 * it. Returns the device's size in bytes.
 */
public final class VolumeExpander {
  private final StageRecords<StageRecord> records;
  private final AttacherSelector attachers;
  private final FilesystemResizer resizer;
  private final FilesystemStats stats;
  private final MountTable mounts;

  public VolumeExpander(
      StageRecords<StageRecord> records,
      AttacherSelector attachers,
      FilesystemResizer resizer,
      FilesystemStats stats,
      MountTable mounts) {
    this.records = records;
    this.attachers = attachers;
    this.resizer = resizer;
    this.stats = stats;
    this.mounts = mounts;
  }

  public long expand(String volumeId, Path volumePath) {
    StageRecord record =
        records
            .find(volumeId)
            .orElseThrow(
                () -> CsiException.notFound("volume " + volumeId + " is not staged on this node"));
    if (!Files.exists(volumePath)) {
      throw CsiException.notFound("volume path " + volumePath + " does not exist");
    }
    Attacher attacher = attachers.of(record.attachment().method());
    attacher.refreshSize(record.attachment());
    if (record.accessType() == AccessType.MOUNT) {
      Path mounted = mounts.isMountPoint(volumePath) ? volumePath : record.staging();
      if (!mounts.isMountPoint(mounted)) {
        throw CsiException.failedPrecondition(
            "volume " + volumeId + " is not mounted at " + volumePath + " or " + record.staging());
      }
      resizer.grow(record.device(), mounted, record.fsType());
    }
    return stats.deviceSize(record.device());
  }
}
