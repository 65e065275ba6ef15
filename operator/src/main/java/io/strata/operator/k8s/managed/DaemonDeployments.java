package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.strata.ceph.CephRelease;
import io.strata.operator.bootstrap.ClusterLayout;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.MonAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Deployment of each kind of daemon, with the bootstrap's commands for the pod layout. */
final class DaemonDeployments {
  private static final ClusterLayout LAYOUT = PodLayout.LAYOUT;

  private final ClusterNames names;
  private final String image;
  private final CephRelease release;
  private final boolean hostNetwork;

  /**
   * @param hostNetwork whether mgr, OSD and MDS pods use the host's network (monitors always do)
   */
  DaemonDeployments(ClusterNames names, CephImage image, boolean hostNetwork) {
    this.names = names;
    this.image = image.name();
    this.release = image.release();
    this.hostNetwork = hostNetwork;
  }

  /**
   * A monitor on its node, its store in the host's data directory. Two init steps make the store:
   * monmaptool writes the monmap of the monitor's batch, then ceph-mon --mkfs imports it and the
   * keys; once the store holds anything, ceph-mon --mkfs only says "monitor may already exist" and
   * exits 0, so a restart keeps the store as it is.
   */
  Deployment mon(MonSlot slot, List<MonSlot> all, String fsid) {
    Daemon mon = slot.daemon();
    Map<Daemon, MonAddress> initial = new LinkedHashMap<>();
    all.stream()
        .filter(other -> other.batch() <= slot.batch())
        .forEach(other -> initial.put(other.daemon(), other.address()));
    String monKeyring = LAYOUT.monKeyring().getFileName().toString();
    return new DaemonPodBuilder(names, image, mon)
        .pinnedTo(slot.hostname())
        // Always the host's network: a monitor's address is written into the monmap and every
        // client's config, so it must stay the same across restarts, which a pod IP does not.
        .hostNetwork(true)
        .hostStore(names.monHostDir(mon))
        .keyrings(names.keysSecret(), List.of(monKeyring), false)
        .init("monmap", PodLayout.COMMANDS.monmapCreate(fsid, initial, release))
        .init("mkfs", PodLayout.COMMANDS.monMkfs(mon))
        .liveness(Probes.tcp(slot.address().v2Port()))
        .requests("100m", "256Mi")
        .build();
  }

  /** A manager: no store; wherever the scheduler puts it. */
  Deployment mgr(Daemon mgr) {
    return new DaemonPodBuilder(names, image, mgr)
        .hostNetwork(hostNetwork)
        .keyrings(names.keysSecret(), List.of(StoredKeys.keyringFile(mgr.name())), true)
        .liveness(Probes.adminSocket(mgr))
        .requests("100m", "384Mi")
        .build();
  }

  /**
   * A file-backed OSD on its node. ceph-osd --mkfs makes the store with a sparse block file of the
   * OSD's size; on a finished store it checks it and exits 0, so a restart keeps it. Privileged, as
   * Ceph's own deployments run OSDs: bluestore uses direct and asynchronous I/O and locks memory,
   * and OSDs on raw devices need the host's /dev.
   */
  Deployment osd(OsdRecord osd) {
    Daemon daemon = osd.daemon();
    return new DaemonPodBuilder(names, image, daemon)
        .pinnedTo(osd.hostname())
        .hostNetwork(hostNetwork)
        .hostStore(names.osdHostDir(osd.directory(), daemon))
        .keyrings(names.keysSecret(), List.of(StoredKeys.keyringFile(daemon.name())), true)
        .init("mkfs", PodLayout.COMMANDS.osdMkfs(daemon, osd.uuid(), osd.blockBytes()))
        .liveness(Probes.adminSocket(daemon))
        .requests("100m", "768Mi")
        .privileged()
        .build();
  }

  /** A metadata server of a filesystem: no store, its key in the filesystem's Secret. */
  Deployment mds(Daemon mds, String filesystem) {
    return new DaemonPodBuilder(names, image, mds)
        .hostNetwork(hostNetwork)
        .keyrings(names.mdsSecret(filesystem), List.of(StoredKeys.keyringFile(mds.name())), true)
        .liveness(Probes.adminSocket(mds))
        .requests("100m", "256Mi")
        .label(ClusterNames.FILESYSTEM_LABEL, filesystem)
        .build();
  }
}
