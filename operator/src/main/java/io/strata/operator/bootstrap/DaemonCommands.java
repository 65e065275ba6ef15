package io.strata.operator.bootstrap;

import io.strata.ceph.CephRelease;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command lines of the bootstrap tools and daemons, as argument lists (never a shell string).
 * Every one names its config with {@code -c}, and the config names every other path, so clusters in
 * different directories never collide. Daemons run in the foreground ({@code -f}) so the supervisor
 * (a local process runner or a container runtime) owns their lifetime.
 */
public record DaemonCommands(ClusterLayout layout) {

  /** Writes the initial monitor map with one monitor. */
  public List<String> monmapCreate(
      String fsid, Daemon mon, MonAddress address, CephRelease release) {
    Map<Daemon, MonAddress> one = new LinkedHashMap<>();
    one.put(mon, address);
    return monmapCreate(fsid, one, release);
  }

  /**
   * Writes the initial monitor map with every monitor in {@code mons}, in its iteration order.
   * Monitors that form a cluster together must start from the same map; each binds to its own
   * address in it.
   *
   * <p>{@code release} is that of the monitors. From 19.2.6 and 20.2.4 on, a new monmap allows only
   * the aes256k cephx cipher, which clients before those releases (Debian 12's and 13's librados
   * among them) cannot speak; the map then allows aes as well, so every supported client
   * authenticates, and prefers aes256k for the clients that know it.
   */
  public List<String> monmapCreate(String fsid, Map<Daemon, MonAddress> mons, CephRelease release) {
    List<String> command = new ArrayList<>(List.of("monmaptool", "--create", "--clobber"));
    command.addAll(List.of("--fsid", fsid));
    mons.forEach((mon, address) -> {
      requireType(mon, Daemon.Type.MON);
      command.addAll(List.of("--addv", mon.id(), address.addrvec()));
    });
    if (release.hasAes256kAuth()) {
      command.addAll(
          List.of(
              "--auth-allowed-ciphers",
              "aes256k,aes",
              "--auth-preferred-cipher",
              "aes256k",
              "--auth-service-cipher",
              "aes256k"));
    }
    command.add(layout.monmap().toString());
    return List.copyOf(command);
  }

  /** Creates the monitor's store, importing every key and cap of the mkfs keyring. */
  public List<String> monMkfs(Daemon mon) {
    requireType(mon, Daemon.Type.MON);
    return List.of(
        "ceph-mon",
        "-c",
        layout.conf().toString(),
        "-d",
        "--mkfs",
        "-i",
        mon.id(),
        "--monmap",
        layout.monmap().toString(),
        "--keyring",
        layout.monKeyring().toString());
  }

  /**
   * Creates the OSD's bluestore: with {@code bluestore block create} the block file is made
   * (sparse) at the configured size. The OSD's keyring must already be in its data directory.
   */
  public List<String> osdMkfs(Daemon osd, String osdUuid) {
    return osdMkfs(osd, osdUuid, List.of("--monmap", layout.monmap().toString()));
  }

  /**
   * Creates an OSD's bluestore on a sparse block file of its own size, for OSDs that differ in
   * size. With no monmap file, the OSD reads the fsid from ceph.conf and asks the monitors in its
   * mon host for the rest, as every daemon does: a pod has no monmap once its monitors run. Run
   * again on a finished store it checks the store and succeeds ("already created").
   */
  public List<String> osdMkfs(Daemon osd, String osdUuid, long blockBytes) {
    if (blockBytes <= 0) {
      throw new IllegalArgumentException("block size must be positive, is " + blockBytes);
    }
    return osdMkfs(osd, osdUuid, List.of("--bluestore-block-size", Long.toString(blockBytes)));
  }

  private List<String> osdMkfs(Daemon osd, String osdUuid, List<String> extra) {
    requireType(osd, Daemon.Type.OSD);
    List<String> command =
        new ArrayList<>(
            List.of(
                "ceph-osd",
                "-c",
                layout.conf().toString(),
                "-d",
                "--mkfs",
                "-i",
                osd.id(),
                "--osd-uuid",
                osdUuid));
    command.addAll(extra);
    return List.copyOf(command);
  }

  /** Runs a daemon in the foreground. */
  public List<String> run(Daemon daemon) {
    return List.of(daemon.type().binary(), "-c", layout.conf().toString(), "-f", "-i", daemon.id());
  }

  private static void requireType(Daemon daemon, Daemon.Type type) {
    if (daemon.type() != type) {
      throw new IllegalArgumentException(daemon + " is not a " + type.word());
    }
  }
}
