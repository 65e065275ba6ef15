package io.strata.node;

import io.strata.ceph.ClusterConfigs;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.attach.CephArgs;
import io.strata.node.attach.FuseAttacher;
import io.strata.node.attach.LoopDevices;
import io.strata.node.attach.MappingAttacher;
import io.strata.node.attach.RbdFuseDaemon;
import io.strata.node.cephfs.CephFsBackend;
import io.strata.node.exec.CommandRunner;
import io.strata.node.exec.Daemons;
import io.strata.node.fs.DeviceProbe;
import io.strata.node.fs.FilesystemResizer;
import io.strata.node.fs.FilesystemStats;
import io.strata.node.fs.Formatter;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.fuse.FuseHolderLauncher;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import io.strata.node.rbd.RbdBackend;
import io.strata.node.rbd.StagingArea;
import io.strata.node.rbd.VolumeExpander;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.nio.file.Path;
import java.util.List;

/**
 * Builds a node plugin's object graph by constructors, for the launcher and for tests: one backend
 * and the Node service over it. Run {@link #startUp()} once before serving.
 */
public final class NodePlugin {
  private final NodeBackend backend;
  private final NodeService service;
  private final Path recordsDir;

  private NodePlugin(
      NodeConfig config, ClusterConfigs clusters, CommandRunner runner, NodeBackend backend) {
    this.backend = backend;
    this.recordsDir = config.recordsDir();
    Mounter mounter = new Mounter(runner);
    MountTable mounts = new MountTable();
    this.service =
        new NodeService(
            config,
            new NodeRequests(clusters, backend.rules()),
            new VolumeLocks(),
            backend,
            new VolumePublisher(backend, mounter, mounts),
            new VolumeInspector(backend, mounts, new FilesystemStats(runner)));
  }

  /** RBD images attached with krbd, rbd-nbd or rbd-fuse + loop. */
  public static NodePlugin rbd(
      NodeConfig config, ClusterConfigs clusters, CommandRunner runner, CephArgs cephArgs) {
    MountTable mounts = new MountTable();
    AttacherSelector attachers = attachers(config, runner, cephArgs, mounts);
    StageRecords<StageRecord> records = StageRecords.rbd(config.recordsDir());
    StagingArea staging =
        new StagingArea(
            new DeviceProbe(runner), new Formatter(runner), new Mounter(runner), mounts);
    VolumeExpander expander =
        new VolumeExpander(
            records, attachers, new FilesystemResizer(runner), new FilesystemStats(runner), mounts);
    return new NodePlugin(
        config, clusters, runner, new RbdBackend(records, attachers, staging, expander));
  }

  /** CephFS subvolumes mounted with ceph-fuse or the kernel client. */
  public static NodePlugin cephfs(
      NodeConfig config, ClusterConfigs clusters, CommandRunner runner, CephArgs cephArgs) {
    Mounter mounter = new Mounter(runner);
    MountTable mounts = new MountTable();
    return new NodePlugin(
        config,
        clusters,
        runner,
        CephFsBackend.create(
            config, clusters, cephArgs, mounter, mounts, fuseDaemon(config, mounter, mounts)));
  }

  /** The RBD attach methods; public for tests that attach without the service. */
  public static AttacherSelector attachers(
      NodeConfig config, CommandRunner runner, CephArgs cephArgs, MountTable mounts) {
    RbdFuseDaemon fuse =
        new RbdFuseDaemon(
            runner,
            fuseDaemon(config, new Mounter(runner), mounts),
            mounts,
            cephArgs,
            config.fuseRoot(),
            config.keyDir());
    return new AttacherSelector(
        List.of(
            MappingAttacher.krbd(runner, cephArgs, config.keyDir()),
            MappingAttacher.nbd(runner, cephArgs, config.keyDir()),
            new FuseAttacher(fuse, new LoopDevices(runner))));
  }

  private static FuseDaemon fuseDaemon(NodeConfig config, Mounter mounter, MountTable mounts) {
    Daemons daemons =
        config.fuseHolder().map(FuseHolderLauncher::new).map(Daemons::new).orElseGet(Daemons::new);
    return new FuseDaemon(daemons, mounts, new Unmounter(mounter, mounts));
  }

  /**
   * Checks what this node has staged, repairs what can be repaired without a request (CephFS:
   * mounts whose ceph-fuse died), and reports one finding per volume.
   */
  public List<StartupFinding> startUp() {
    return backend.startUp();
  }

  public NodeService service() {
    return service;
  }

  /** How many volumes this node has staged: its stage records, which outlive restarts. */
  public int stagedVolumes() {
    return StageRecords.count(recordsDir);
  }
}
