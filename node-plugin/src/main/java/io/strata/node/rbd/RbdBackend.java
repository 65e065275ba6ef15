package io.strata.node.rbd;

import io.strata.node.AccessRules;
import io.strata.node.NodeBackend;
import io.strata.node.StageParams;
import io.strata.node.StagedVolume;
import io.strata.node.StartupFinding;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * RBD volumes on a node: an image attached as a block device (krbd, rbd-nbd or rbd-fuse + loop),
 * formatted and mounted at the staging path or bound there as a device file.
 */
public final class RbdBackend implements NodeBackend {
  private final StageRecords<StageRecord> records;
  private final AttacherSelector attachers;
  private final StagingArea staging;
  private final VolumeStager stager;
  private final VolumeExpander expander;
  private final StartupCheck check;

  public RbdBackend(
      StageRecords<StageRecord> records,
      AttacherSelector attachers,
      StagingArea staging,
      VolumeExpander expander) {
    this.records = records;
    this.attachers = attachers;
    this.staging = staging;
    this.stager = new VolumeStager(attachers, staging, records);
    this.expander = expander;
    this.check = new StartupCheck(records, attachers, staging);
  }

  @Override
  public AccessRules rules() {
    return AccessRules.RBD;
  }

  @Override
  public void stage(StageParams params) {
    stager.stage(params);
  }

  @Override
  public void unstage(String volumeId, Path stagingPath) {
    stager.unstage(volumeId, stagingPath);
  }

  @Override
  public Optional<StagedVolume> find(String volumeId) {
    return records
        .find(volumeId)
        .map(r ->
            new StagedVolume(
                volumeId,
                r.staging(),
                StagingArea.stagedPath(r),
                r.accessType(),
                r.device(),
                staging.isStaged(r)));
  }

  @Override
  public Optional<String> problem(StagedVolume volume) {
    return records
        .find(volume.volumeId())
        .map(r -> attachers.of(r.attachment().method()).problem(r.attachment()))
        .orElse(Optional.of("volume " + volume.volumeId() + " is no longer staged"));
  }

  @Override
  public boolean expands() {
    return true;
  }

  @Override
  public long expand(String volumeId, Path volumePath) {
    return expander.expand(volumeId, volumePath);
  }

  @Override
  public List<StartupFinding> startUp() {
    return check.run();
  }
}
