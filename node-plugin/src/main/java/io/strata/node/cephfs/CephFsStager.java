package io.strata.node.cephfs;

import io.strata.ceph.ConnectionSpec;
import io.strata.csi.CsiException;
import io.strata.node.Rollback;
import io.strata.node.StageParams;
import io.strata.node.mount.MountEntry;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import io.strata.node.state.KeyStash;
import io.strata.node.state.StageRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NodeStageVolume and NodeUnstageVolume for CephFS: mount the subvolume at the staging path with
 * ceph-fuse or the kernel client, and the reverse. The record (and, for ceph-fuse, the key) is
 * saved before mounting, so whatever a crash leaves, unstage or a retried stage cleans up. A stage
 * that fails is undone at once. A ceph-fuse stage whose daemon died is mounted again in place and
 * its publish targets bound afresh ({@link #remount}), so workloads keep their paths.
 */
final class CephFsStager {
  private static final Logger LOG = LoggerFactory.getLogger(CephFsStager.class);

  private final CephFsMounters mounters;
  private final StageRecords<CephFsRecord> records;
  private final KeyStash keys;
  private final Mounter mounter;
  private final MountTable mounts;
  private final Unmounter unmounter;

  CephFsStager(
      CephFsMounters mounters,
      StageRecords<CephFsRecord> records,
      KeyStash keys,
      Mounter mounter,
      MountTable mounts) {
    this.mounters = mounters;
    this.records = records;
    this.keys = keys;
    this.mounter = mounter;
    this.mounts = mounts;
    this.unmounter = new Unmounter(mounter, mounts);
  }

  void stage(StageParams p) {
    CephFsVolume volume = CephFsVolume.of(p.context());
    Optional<CephFsRecord> existing = records.find(p.volumeId());
    if (existing.isPresent() && resume(existing.get(), p)) {
      return;
    }
    CephFsMounter client = mounters.forMounter(volume.mounter());
    CephFsRecord record = CephFsRecord.of(p, volume, client.name());
    createDirectory(record.staging());
    records.save(record);
    Rollback.onFailure(
        () -> {
          if (client.name().equals(CephFsMounters.FUSE)) {
            keys.save(p.volumeId(), p.connection().key());
          }
          records.save(record.withDaemonPid(mount(client, record, p.connection())));
        },
        () -> undo(record));
    LOG.info(
        "staged {} ({}:{}) at {} with {}",
        p.volumeId(),
        volume.fsName(),
        volume.subvolumePath(),
        p.stagingPath(),
        client.name());
  }

  /** True when an earlier stage serves (or was repaired); otherwise clears what it left. */
  private boolean resume(CephFsRecord record, StageParams p) {
    CephFsMounter client = mounters.named(record.mounter());
    boolean mounted = client.isMounted(record.staging());
    if (mounted && !record.staging().equals(p.stagingPath())) {
      throw CsiException.failedPrecondition(
          "volume " + p.volumeId() + " is already staged at " + record.staging());
    }
    Optional<String> problem = problem(record);
    if (mounted && problem.isEmpty()) {
      return true;
    }
    if (record.staging().equals(p.stagingPath()) && client.name().equals(CephFsMounters.FUSE)) {
      LOG.warn("mounting {} again: {}", p.volumeId(), problem.orElse("not mounted"));
      keys.save(p.volumeId(), p.connection().key());
      remount(record, p.connection());
      return true;
    }
    LOG.warn("re-staging {}: {}", p.volumeId(), problem.orElse("not mounted"));
    undo(record);
    return false;
  }

  /**
   * Mounts a ceph-fuse stage again (its daemon died, or the plugin found it broken at start-up) and
   * binds the publish targets that showed the old mount to the new one, read-only as they were.
   */
  void remount(CephFsRecord record, ConnectionSpec connection) {
    CephFsMounter client = mounters.named(record.mounter());
    List<MountEntry> targets = mounts.othersShowing(record.staging());
    client.unmount(record);
    records.save(record.withDaemonPid(mount(client, record, connection)));
    for (MountEntry target : targets) {
      unmounter.unmountAll(target.mountPoint());
      mounter.bind(record.staging(), target.mountPoint(), target.isReadOnly(), List.of());
      LOG.info("bound {} again to the new mount of {}", target.mountPoint(), record.volumeId());
    }
  }

  /**
   * Mounts the record's subvolume at its staging path and, for a volume served from a snapshot,
   * binds the snapshot's directory over that mount, read-only: a .snap path cannot be a CephFS
   * client's root. Returns the daemon's pid.
   */
  private long mount(CephFsMounter client, CephFsRecord record, ConnectionSpec connection) {
    long pid = client.mount(record, connection);
    if (record.showsSnapshot() && !showsSnapshot(record)) {
      Path snapshotDirectory = record.staging().resolve(record.snapshotPath());
      if (!Files.isDirectory(snapshotDirectory)) {
        throw CsiException.notFound(
            "snapshot directory "
                + record.snapshotPath()
                + " is not in "
                + record.fsName()
                + ":"
                + record.subvolumePath()
                + " (was the snapshot deleted?)");
      }
      mounter.bind(snapshotDirectory, record.staging(), true, List.of());
    }
    return pid;
  }

  /** What keeps a staged volume from serving, empty when nothing does. */
  Optional<String> problem(CephFsRecord record) {
    return mounters
        .named(record.mounter())
        .problem(record)
        .or(() ->
            record.showsSnapshot() && !showsSnapshot(record)
                ? Optional.of("the snapshot is not shown at " + record.staging())
                : Optional.empty());
  }

  private boolean showsSnapshot(CephFsRecord record) {
    return mounts
        .at(record.staging())
        .filter(top -> top.root().endsWith("/" + record.snapshotPath()))
        .isPresent();
  }

  void unstage(String volumeId, Path stagingPath) {
    Optional<CephFsRecord> found = records.find(volumeId);
    if (found.isEmpty()) {
      // nothing recorded: a repeated unstage, or a stage that never got as far as recording
      unmounter.unmountAll(stagingPath);
      keys.delete(volumeId);
      return;
    }
    CephFsRecord record = found.get();
    List<Path> inUse =
        mounts.othersShowing(record.staging()).stream().map(MountEntry::mountPoint).toList();
    if (!inUse.isEmpty()) {
      throw CsiException.failedPrecondition(
          "volume " + volumeId + " is still published at " + inUse);
    }
    undo(record);
    LOG.info("unstaged {} from {}", volumeId, stagingPath);
  }

  private void undo(CephFsRecord record) {
    mounters.named(record.mounter()).unmount(record);
    keys.delete(record.volumeId());
    records.delete(record.volumeId());
  }

  private static void createDirectory(Path staging) {
    try {
      Files.createDirectories(staging);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + staging, e);
    }
  }
}
