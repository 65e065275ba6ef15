package io.strata.operator.k8s.managed;

import io.strata.operator.bootstrap.ClusterLayout;
import io.strata.operator.bootstrap.DaemonCommands;
import java.nio.file.Path;

/**
 * Where a Ceph pod keeps its files, and the bootstrap's commands for those paths: scratch (monmap,
 * admin sockets) in an emptyDir at the root with each daemon's store mounted at its data directory
 * below it, ceph.conf from the cluster's ConfigMap, keyrings from a Secret.
 */
final class PodLayout {
  static final ClusterLayout LAYOUT =
      ClusterLayout.inContainer(
          Path.of("/var/lib/strata"), Path.of("/etc/ceph"), Path.of("/etc/strata/keyring"));

  static final DaemonCommands COMMANDS = new DaemonCommands(LAYOUT);

  private PodLayout() {}
}
