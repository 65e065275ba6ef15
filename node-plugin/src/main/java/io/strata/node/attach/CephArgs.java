package io.strata.node.attach;

import io.strata.ceph.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The arguments every Ceph tool (rbd, rbd-nbd, rbd-fuse) gets to reach a cluster: user, monitors, a
 * key file (never the key) and a bounded connect time, plus the config file to read (the node's
 * ceph.conf or /dev/null, so nothing with secrets needs to exist on disk).
 */
public final class CephArgs {
  private final Path configFile;
  private final Duration mountTimeout;

  public CephArgs(Path configFile, Duration mountTimeout) {
    this.configFile = configFile;
    this.mountTimeout = mountTimeout;
  }

  /** /etc/ceph/ceph.conf when the node has one, else no config file at all. */
  public static CephArgs defaults() {
    Path conf = Path.of("/etc/ceph/ceph.conf");
    return new CephArgs(
        java.nio.file.Files.isReadable(conf) ? conf : Path.of("/dev/null"), Duration.ofSeconds(30));
  }

  public List<String> of(ConnectionSpec connection, Path keyFile) {
    return List.of(
        "-c",
        configFile.toString(),
        "--id",
        connection.user(),
        "-m",
        connection.monHost(),
        "--keyfile",
        keyFile.toString(),
        "--auth_client_required=cephx",
        "--client_mount_timeout=" + Math.max(1, mountTimeout.toSeconds()));
  }

  public Duration mountTimeout() {
    return mountTimeout;
  }
}
