package io.strata.operator.bootstrap;

import java.nio.file.Path;
import java.util.List;

/**
 * Every path of one cluster, all under its root directory so clusters never share a file and
 * removing the root removes the cluster:
 *
 * <pre>
 *   ceph.conf                  config every daemon reads (-c)
 *   client.admin.keyring       the admin key
 *   mon.keyring                the keys and caps the monitor imports at --mkfs
 *   monmap                     initial monitor map
 *   bootstrap.done             written once the one-time steps finished
 *   mon/a, mgr/x, osd/0, mds/a daemon data (and keyring) directories
 *   run/                       PID files of every supervised process
 *   asok/                      admin sockets
 *   log/                       Ceph logs and each process's stdout/stderr
 *   crash/                     crash dumps
 * </pre>
 */
public record ClusterLayout(Path root) {
  public ClusterLayout {
    root = root.toAbsolutePath().normalize();
  }

  public Path conf() {
    return root.resolve("ceph.conf");
  }

  public Path adminKeyring() {
    return root.resolve("client.admin.keyring");
  }

  public Path monKeyring() {
    return root.resolve("mon.keyring");
  }

  public Path monmap() {
    return root.resolve("monmap");
  }

  public Path doneMarker() {
    return root.resolve("bootstrap.done");
  }

  public Path runDir() {
    return root.resolve("run");
  }

  public Path asokDir() {
    return root.resolve("asok");
  }

  public Path logDir() {
    return root.resolve("log");
  }

  public Path crashDir() {
    return root.resolve("crash");
  }

  public Path dataDir(Daemon daemon) {
    return root.resolve(daemon.type().word()).resolve(daemon.id());
  }

  /** The data directory as ceph.conf spells it, with Ceph's $id metavariable. */
  public String dataDirTemplate(Daemon.Type type) {
    return root.resolve(type.word()) + "/$id";
  }

  /** The keyring a daemon reads: $data/keyring, as the packaged daemons expect. */
  public Path keyring(Daemon daemon) {
    return dataDir(daemon).resolve("keyring");
  }

  /**
   * What the one-time steps write, so a creation that was interrupted can be wiped and redone (logs
   * and run/ stay).
   */
  public List<Path> bootstrapOutputs() {
    return List.of(
        doneMarker(),
        conf(),
        adminKeyring(),
        monKeyring(),
        monmap(),
        asokDir(),
        crashDir(),
        root.resolve("mon"),
        root.resolve("mgr"),
        root.resolve("osd"),
        root.resolve("mds"));
  }

  /**
   * Directories that must exist before any daemon starts; ceph-mon --mkfs makes its data directory
   * but not the parent.
   */
  public List<Path> directories() {
    return List.of(runDir(), asokDir(), logDir(), crashDir(), root.resolve("mon"));
  }
}
