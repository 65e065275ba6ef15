package io.strata.node.rbd;

import io.strata.csi.CsiException;
import io.strata.node.Rollback;
import io.strata.node.StageParams;
import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.AttachRequest;
import io.strata.node.attach.Attacher;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.attach.Attachment;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import io.strata.node.state.VolumeKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NodeStageVolume and NodeUnstageVolume for RBD: attach, record, then format/mount or bind; and the
 * reverse. The record is saved right after attaching, before anything else can fail, so a crash at
 * any later point leaves something unstage (or a retried stage) can clean up. A stage that fails is
 * undone at once: the CO does not call unstage for a stage that never succeeded.
 */
public final class VolumeStager {
  private static final Logger LOG = LoggerFactory.getLogger(VolumeStager.class);

  private final AttacherSelector attachers;
  private final StagingArea staging;
  private final StageRecords<StageRecord> records;

  public VolumeStager(
      AttacherSelector attachers, StagingArea staging, StageRecords<StageRecord> records) {
    this.attachers = attachers;
    this.staging = staging;
    this.records = records;
  }

  public void stage(StageParams p) {
    RbdVolume volume = RbdVolume.of(p.context(), p.cluster());
    Optional<StageRecord> existing = records.find(p.volumeId());
    if (existing.isPresent() && resume(existing.get(), p)) {
      return;
    }
    Attacher attacher = attachers.forMounter(volume.mounter());
    Attachment attachment =
        attacher.attach(
            new AttachRequest(
                VolumeKey.of(p.volumeId()),
                volume.image(),
                p.connection(),
                volume.mapOptions(),
                p.readOnly()));
    StageRecord record =
        StageRecord.of(
            p.volumeId(),
            p.stagingPath(),
            p.clusterId(),
            p.accessType(),
            p.fsType(),
            p.mountFlags(),
            p.readOnly(),
            attachment);
    records.save(record);
    Rollback.onFailure(() -> staging.prepare(record, volume.mkfsOptions()), () -> undo(record));
    LOG.info(
        "staged {} ({}) at {} via {} on {}",
        p.volumeId(),
        volume.image(),
        p.stagingPath(),
        attachment.method().parameter(),
        attachment.device());
  }

  /** True when an earlier stage is complete and healthy; otherwise clears what it left. */
  private boolean resume(StageRecord record, StageParams p) {
    boolean staged = staging.isStaged(record);
    if (staged && !record.staging().equals(p.stagingPath())) {
      throw CsiException.failedPrecondition(
          "volume " + p.volumeId() + " is already staged at " + record.staging());
    }
    Optional<String> problem = attacherOf(record).problem(record.attachment());
    if (staged && problem.isEmpty()) {
      return true;
    }
    if (staged && !staging.otherUses(record).isEmpty()) {
      throw CsiException.failedPrecondition(
          "volume "
              + p.volumeId()
              + " is staged but broken ("
              + problem.orElse("")
              + ") and still published; unpublish and unstage it to recover");
    }
    LOG.warn(
        "re-staging {}: {}",
        p.volumeId(),
        problem.orElse("the staging mount at " + record.staging() + " is missing"));
    undo(record);
    return false;
  }

  public void unstage(String volumeId, Path stagingPath) {
    Optional<StageRecord> found = records.find(volumeId);
    if (found.isEmpty()) {
      // nothing recorded: a repeated unstage, or a stage that never got as far as attaching
      LOG.debug("unstage {}: no stage record, nothing to detach", volumeId);
      staging.unmountAll(stagingPath);
      return;
    }
    StageRecord record = found.get();
    List<Path> inUse = staging.otherUses(record);
    if (!inUse.isEmpty()) {
      throw CsiException.failedPrecondition(
          "volume " + volumeId + " is still published at " + inUse);
    }
    undo(record);
    LOG.info("unstaged {} from {}", volumeId, stagingPath);
  }

  private void undo(StageRecord record) {
    staging.clear(record);
    attacherOf(record).detach(record.attachment());
    records.delete(record.volumeId());
  }

  private Attacher attacherOf(StageRecord record) {
    AttachMethod method = record.attachment().method();
    return attachers.of(method);
  }
}
