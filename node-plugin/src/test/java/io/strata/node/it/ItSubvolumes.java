package io.strata.node.it;

import io.strata.ceph.CephConnection;
import io.strata.ceph.Subvolumes;
import io.strata.node.NodeConfig;
import io.strata.node.cephfs.CephFsRecord;
import io.strata.node.state.StageRecords;
import java.util.ArrayList;
import java.util.List;

/**
 * CephFS subvolumes for node tests, made as the controller makes them (in the cluster's subvolume
 * group, through the mgr) and removed when the test ends.
 */
final class ItSubvolumes implements AutoCloseable {
  private final CephConnection ceph;
  final Subvolumes subvolumes;
  private final List<String> created = new ArrayList<>();

  ItSubvolumes(ItCluster cluster) {
    ceph = CephConnection.open(cluster.mgrAdmin());
    subvolumes = new Subvolumes(ceph, cluster.fsName(), cluster.subvolumeGroup());
    subvolumes.createGroup();
  }

  /**
   * A subvolume as a node sees it: its name, a volume id for it, and its path (what volume_context
   * carries).
   */
  record Volume(String name, String id, String path) {}

  /** A new subvolume with a quota. */
  Volume create(String prefix, long bytes) {
    String name = ItCluster.uniqueName(prefix);
    subvolumes.create(name, bytes, null);
    created.add(name);
    return new Volume(name, "vol-" + name, subvolumes.getPath(name));
  }

  /** The pid of the ceph-fuse daemon a node plugin recorded for a volume. */
  static long cephFuseDaemon(NodeConfig plugin, String volumeId) {
    return new StageRecords<>(plugin.recordsDir(), CephFsRecord.class)
        .find(volumeId)
        .orElseThrow()
        .daemonPid();
  }

  @Override
  public void close() {
    try {
      created.forEach(name -> subvolumes.remove(name, true));
    } finally {
      ceph.close();
    }
  }
}
