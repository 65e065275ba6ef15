package io.strata.node.cephfs;

import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.ceph.ConnectionSpec;
import io.strata.node.StartupFinding;
import io.strata.node.state.KeyStash;
import io.strata.node.state.StageRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Run once when the CephFS plugin starts: ceph-fuse daemons run detached and normally outlive the
 * plugin, but one that died (killed, crashed, or taken down with its container) leaves its staging
 * path and every publish target answering "transport endpoint is not connected". Each such stage is
 * mounted again with the kept key and its targets bound again, before the plugin serves, so
 * workloads see the error no longer than the restart takes. Kernel mounts live in the kernel and
 * need nothing; what a reboot broke (mounts and kept keys are gone alike) the CO stages again.
 */
final class FuseRecovery {
  private static final Logger LOG = LoggerFactory.getLogger(FuseRecovery.class);

  private final StageRecords<CephFsRecord> records;
  private final KeyStash keys;
  private final CephFsMounters mounters;
  private final CephFsStager stager;
  private final ClusterConfigs clusters;

  FuseRecovery(
      StageRecords<CephFsRecord> records,
      KeyStash keys,
      CephFsMounters mounters,
      CephFsStager stager,
      ClusterConfigs clusters) {
    this.records = records;
    this.keys = keys;
    this.mounters = mounters;
    this.stager = stager;
    this.clusters = clusters;
  }

  /** One finding per recorded volume; a volume mounted again counts as serving. */
  List<StartupFinding> run() {
    List<StartupFinding> findings = new ArrayList<>();
    for (CephFsRecord record : records.all()) {
      Optional<String> problem;
      try {
        problem = check(record);
      } catch (RuntimeException e) {
        problem = Optional.of("cannot mount again: " + e.getMessage());
      }
      problem.ifPresent(p ->
          LOG.warn(
              "staged volume {} at {} needs a new NodeStageVolume: {}",
              record.volumeId(),
              record.stagingPath(),
              p));
      findings.add(
          new StartupFinding(
              record.volumeId(), record.fsName() + ":" + record.subvolumePath(), problem));
    }
    return findings;
  }

  private Optional<String> check(CephFsRecord record) {
    CephFsMounter client = mounters.named(record.mounter());
    Optional<String> problem = stager.problem(record);
    if (problem.isEmpty()) {
      LOG.info("found staged volume {} at {}", record.volumeId(), record.stagingPath());
      return problem;
    }
    if (!client.name().equals(CephFsMounters.FUSE)) {
      return problem;
    }
    Optional<String> key = keys.find(record.volumeId());
    Optional<ClusterConfig> cluster = clusters.find(record.clusterId());
    if (key.isEmpty() || cluster.isEmpty()) {
      return Optional.of(
          problem.get()
              + (key.isEmpty()
                  ? "; no key is kept for it"
                  : "; cluster " + record.clusterId() + " is no longer configured"));
    }
    LOG.warn("mounting {} again: {}", record.volumeId(), problem.get());
    stager.remount(record, new ConnectionSpec(cluster.get().monitors(), record.user(), key.get()));
    LOG.info("mounted {} again at {}", record.volumeId(), record.stagingPath());
    return Optional.empty();
  }
}
