package io.strata.node;

import io.strata.ceph.ClusterConfigs;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.attach.CephArgs;
import io.strata.node.attach.FuseAttacher;
import io.strata.node.attach.LoopDevices;
import io.strata.node.attach.MappingAttacher;
import io.strata.node.attach.RbdFuseDaemon;
import io.strata.node.exec.CommandRunner;
import io.strata.node.exec.Daemons;
import io.strata.node.fs.DeviceProbe;
import io.strata.node.fs.FilesystemResizer;
import io.strata.node.fs.FilesystemStats;
import io.strata.node.fs.Formatter;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.state.StageRecords;
import java.util.List;

/**
 * Builds the node service's object graph by constructors, for the launcher and for tests; it holds
 * no state of its own.
 */
public final class NodePlugin {
  private NodePlugin() {}

  public static NodeService service(
      NodeConfig config, ClusterConfigs clusters, CommandRunner runner, CephArgs cephArgs) {
    MountTable mounts = new MountTable();
    Mounter mounter = new Mounter(runner);
    StageRecords records = new StageRecords(config.recordsDir());
    AttacherSelector attachers = attachers(config, runner, cephArgs, mounts);
    StagingArea staging =
        new StagingArea(new DeviceProbe(runner), new Formatter(runner), mounter, mounts);
    FilesystemStats stats = new FilesystemStats(runner);
    return new NodeService(
        config,
        new NodeRequests(clusters),
        new VolumeLocks(),
        new VolumeStager(attachers, staging, records),
        new VolumePublisher(records, staging, mounter, mounts),
        new VolumeInspector(records, attachers, mounts, stats),
        new VolumeExpander(records, attachers, new FilesystemResizer(runner), stats, mounts));
  }

  /** Reports what this node has staged; the launcher runs it once before serving. */
  public static StartupCheck startupCheck(
      NodeConfig config, CommandRunner runner, CephArgs cephArgs) {
    MountTable mounts = new MountTable();
    return new StartupCheck(
        new StageRecords(config.recordsDir()),
        attachers(config, runner, cephArgs, mounts),
        new StagingArea(
            new DeviceProbe(runner), new Formatter(runner), new Mounter(runner), mounts));
  }

  public static AttacherSelector attachers(
      NodeConfig config, CommandRunner runner, CephArgs cephArgs, MountTable mounts) {
    RbdFuseDaemon fuse =
        new RbdFuseDaemon(
            runner, new Daemons(), mounts, cephArgs, config.fuseRoot(), config.keyDir());
    return new AttacherSelector(
        List.of(
            MappingAttacher.krbd(runner, cephArgs, config.keyDir()),
            MappingAttacher.nbd(runner, cephArgs, config.keyDir()),
            new FuseAttacher(fuse, new LoopDevices(runner))));
  }
}
