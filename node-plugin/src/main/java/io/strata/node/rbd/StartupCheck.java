package io.strata.node.rbd;

import io.strata.node.StartupFinding;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run once when the RBD plugin starts: finds the volumes this node has staged (from their records,
 * the mount table and the attach tools, never from memory) and says which still serve and which
 * broke while the plugin was down. Nothing needs re-attaching after a plugin crash: rbd-fuse and
 * rbd-nbd daemons run detached and krbd lives in the kernel. What a node reboot or a killed daemon
 * broke is repaired by the next NodeStageVolume, which carries the key a re-attach needs: a block
 * device cannot be swapped under a mounted filesystem anyway.
 */
public final class StartupCheck {
  private static final Logger LOG = LoggerFactory.getLogger(StartupCheck.class);

  private final StageRecords<StageRecord> records;
  private final AttacherSelector attachers;
  private final StagingArea staging;

  public StartupCheck(
      StageRecords<StageRecord> records, AttacherSelector attachers, StagingArea staging) {
    this.records = records;
    this.attachers = attachers;
    this.staging = staging;
  }

  /** One finding per recorded volume. */
  public List<StartupFinding> run() {
    List<StartupFinding> findings = new ArrayList<>();
    for (StageRecord record : records.all()) {
      Optional<String> problem;
      try {
        problem = attachers.of(record.attachment().method()).problem(record.attachment());
        if (problem.isEmpty() && !staging.isStaged(record)) {
          problem = Optional.of("nothing is mounted at " + StagingArea.stagedPath(record));
        }
      } catch (RuntimeException e) {
        problem = Optional.of("cannot check: " + e.getMessage());
      }
      findings.add(new StartupFinding(record.volumeId(), record.device(), problem));
      if (problem.isEmpty()) {
        LOG.info(
            "found staged volume {} at {} on {} via {}",
            record.volumeId(),
            record.stagingPath(),
            record.device(),
            record.method());
      } else {
        LOG.warn(
            "staged volume {} at {} needs a new NodeStageVolume: {}",
            record.volumeId(),
            record.stagingPath(),
            problem.get());
      }
    }
    return findings;
  }
}
