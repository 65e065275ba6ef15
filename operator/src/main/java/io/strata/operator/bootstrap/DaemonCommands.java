package io.strata.operator.bootstrap;

import java.util.List;

/**
 * The command lines of the bootstrap tools and daemons, as argument lists (never a shell string).
 * Every one names its config with {@code -c}, and the config names every other path, so clusters in
 * different directories never collide. Daemons run in the foreground ({@code -f}) so the supervisor
 * (a local process runner or a container runtime) owns their lifetime.
 */
public record DaemonCommands(ClusterLayout layout) {

  /** Writes the initial monitor map with one monitor. */
  public List<String> monmapCreate(String fsid, Daemon mon, MonAddress address) {
    return List.of(
        "monmaptool",
        "--create",
        "--clobber",
        "--fsid",
        fsid,
        "--addv",
        mon.id(),
        address.addrvec(),
        layout.monmap().toString());
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
    requireType(osd, Daemon.Type.OSD);
    return List.of(
        "ceph-osd",
        "-c",
        layout.conf().toString(),
        "-d",
        "--mkfs",
        "-i",
        osd.id(),
        "--osd-uuid",
        osdUuid,
        "--monmap",
        layout.monmap().toString());
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
