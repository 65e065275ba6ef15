package io.strata.node;

import io.strata.csi.CsiException;
import io.strata.node.mount.MountEntry;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.state.AccessType;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * NodePublishVolume and NodeUnpublishVolume: bind the staged filesystem (a directory target) or the
 * staged device (a file target) into the workload's path, read-only when asked; and undo it.
 * Publish creates the target, unpublish removes it; both are idempotent.
 */
public final class VolumePublisher {
  private final StageRecords records;
  private final StagingArea staging;
  private final Mounter mounter;
  private final MountTable mounts;

  public VolumePublisher(
      StageRecords records, StagingArea staging, Mounter mounter, MountTable mounts) {
    this.records = records;
    this.staging = staging;
    this.mounter = mounter;
    this.mounts = mounts;
  }

  public void publish(PublishParams p) {
    StageRecord record =
        records
            .find(p.volumeId())
            .filter(r -> r.staging().equals(p.stagingPath()) && staging.isStaged(r))
            .orElseThrow(
                () ->
                    CsiException.failedPrecondition(
                        "volume " + p.volumeId() + " is not staged at " + p.stagingPath()));
    if (record.accessType() != p.accessType()) {
      throw CsiException.invalidArgument(
          "volume "
              + p.volumeId()
              + " was staged for "
              + record.accessType()
              + " access, not "
              + p.accessType());
    }
    Optional<MountEntry> existing = mounts.at(p.targetPath());
    if (existing.isPresent()) {
      if (existing.get().isReadOnly() != p.readOnly()) {
        throw CsiException.alreadyExists(
            "volume "
                + p.volumeId()
                + " is already published at "
                + p.targetPath()
                + (p.readOnly() ? " read-write" : " read-only"));
      }
      return;
    }
    createTarget(p.targetPath(), p.accessType());
    // mount flags were applied at stage; a bind only adds read-only
    mounter.bind(StagingArea.stagedPath(record), p.targetPath(), p.readOnly(), List.of());
  }

  /**
   * Unmounts and removes the target. NOT_FOUND only when the volume is unknown here and nothing is
   * at the target; a repeated call for a known volume is OK.
   */
  public void unpublish(String volumeId, Path target) {
    boolean known = records.find(volumeId).isPresent();
    if (!known && !Files.exists(target) && !mounts.isMountPoint(target)) {
      throw CsiException.notFound(
          "volume " + volumeId + " is not staged on this node and " + target + " does not exist");
    }
    staging.unmountAll(target);
    try {
      Files.deleteIfExists(target);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove target " + target, e);
    }
  }

  private static void createTarget(Path target, AccessType type) {
    try {
      if (type == AccessType.BLOCK) {
        Files.createDirectories(target.getParent());
        if (!Files.exists(target)) {
          Files.createFile(target);
        }
      } else {
        Files.createDirectories(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create target " + target, e);
    }
  }
}
