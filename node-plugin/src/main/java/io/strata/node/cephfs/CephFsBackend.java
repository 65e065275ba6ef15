package io.strata.node.cephfs;

import io.grpc.Status;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.CsiException;
import io.strata.node.AccessRules;
import io.strata.node.NodeBackend;
import io.strata.node.NodeConfig;
import io.strata.node.StageParams;
import io.strata.node.StagedVolume;
import io.strata.node.StartupFinding;
import io.strata.node.attach.CephArgs;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.state.AccessType;
import io.strata.node.state.KeyStash;
import io.strata.node.state.StageRecords;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * CephFS subvolumes on a node: mounted at the staging path by ceph-fuse or the kernel client, and
 * bound from there into workloads by the shared publisher. Nothing to do for expansion: the
 * controller changes the subvolume's quota and mounts show the new size at once.
 */
public final class CephFsBackend implements NodeBackend {
  private final StageRecords<CephFsRecord> records;
  private final CephFsMounters mounters;
  private final CephFsStager stager;
  private final FuseRecovery recovery;

  CephFsBackend(
      StageRecords<CephFsRecord> records,
      CephFsMounters mounters,
      CephFsStager stager,
      FuseRecovery recovery) {
    this.records = records;
    this.mounters = mounters;
    this.stager = stager;
    this.recovery = recovery;
  }

  /** Wires the backend from the node's config and shared parts. */
  public static CephFsBackend create(
      NodeConfig config,
      ClusterConfigs clusters,
      CephArgs cephArgs,
      Mounter mounter,
      MountTable mounts,
      FuseDaemon fuse) {
    StageRecords<CephFsRecord> records =
        new StageRecords<>(config.recordsDir(), CephFsRecord.class);
    KeyStash keys = config.keyStash();
    CephFsMounters mounters =
        new CephFsMounters(
            new FuseMounter(fuse, mounts, cephArgs, config.fuseRoot(), config.keyDir()),
            new KernelMounter(mounter, mounts, config.keyDir()));
    CephFsStager stager = new CephFsStager(mounters, records, keys, mounter, mounts);
    return new CephFsBackend(
        records, mounters, stager, new FuseRecovery(records, keys, mounters, stager, clusters));
  }

  @Override
  public AccessRules rules() {
    return AccessRules.CEPHFS;
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
                r.staging(),
                AccessType.MOUNT,
                "",
                mounters.named(r.mounter()).isMounted(r.staging())));
  }

  @Override
  public Optional<String> problem(StagedVolume volume) {
    return records
        .find(volume.volumeId())
        .map(stager::problem)
        .orElse(Optional.of("volume " + volume.volumeId() + " is no longer staged"));
  }

  @Override
  public boolean expands() {
    return false;
  }

  @Override
  public long expand(String volumeId, Path volumePath) {
    throw new CsiException(
        Status.Code.UNIMPLEMENTED, "CephFS volumes need no node expansion: quotas apply at once");
  }

  @Override
  public List<StartupFinding> startUp() {
    return recovery.run();
  }
}
