package io.strata.operator.local;

import io.strata.ceph.ConnectionSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * How to reach a running local cluster. {@code adminKey} is a secret: {@link #toString()} leaves it
 * out.
 *
 * @param monitors "127.0.0.1:port" of the monitor's msgr2 port: librados, ceph-fuse and rbd-fuse
 *     connect to it quietly (see {@link io.strata.operator.bootstrap.MonAddress#plainV2()}); the v1
 *     port is in ceph.conf's mon host for clients that need it
 * @param bootTime how long {@link LocalCluster#up()} took
 */
public record LocalClusterInfo(
    Path directory,
    String fsid,
    List<String> monitors,
    Path configFile,
    Path adminKeyring,
    String adminKey,
    String rbdPool,
    String fsName,
    String subvolumeGroup,
    Duration bootTime) {

  public LocalClusterInfo {
    monitors = List.copyOf(monitors);
  }

  /** A librados connection spec as client.admin. */
  public ConnectionSpec adminConnection() {
    return new ConnectionSpec(monitors, "admin", adminKey);
  }

  @Override
  public String toString() {
    return "LocalClusterInfo[directory="
        + directory
        + ", fsid="
        + fsid
        + ", monitors="
        + monitors
        + ", configFile="
        + configFile
        + ", adminKeyring="
        + adminKeyring
        + ", rbdPool="
        + rbdPool
        + ", fsName="
        + fsName
        + ", subvolumeGroup="
        + subvolumeGroup
        + ", bootTime="
        + bootTime
        + "]";
  }
}
