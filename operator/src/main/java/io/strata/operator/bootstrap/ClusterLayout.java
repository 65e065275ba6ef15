package io.strata.operator.bootstrap;

import java.nio.file.Path;
import java.util.List;

/**
 * Every path of one cluster. Locally, all of them are under its root directory so clusters never
 * share a file and removing the root removes the cluster ({@link #ClusterLayout(Path)}):
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
 *
 * <p>In a container ({@link #inContainer}) the config and the keyrings come from volumes of their
 * own (a ConfigMap, a Secret), so they have directories of their own: {@code configDir} holds
 * ceph.conf, {@code keyringDir} one {@code <entity name>.keyring} per entity (mon.keyring,
 * client.admin.keyring, mgr.a.keyring, osd.0.keyring), the names a Secret's keys can carry. A
 * monitor keeps its keyring in its store either way: ceph-mon --mkfs writes it there.
 *
 * @param root data, run, log and scratch files
 * @param configDir where ceph.conf is
 * @param keyringDir where keyrings are, or null for the local scheme: mon.keyring and
 *     client.admin.keyring in the root, each daemon's keyring in its data directory
 */
public record ClusterLayout(Path root, Path configDir, Path keyringDir) {
  public ClusterLayout {
    root = root.toAbsolutePath().normalize();
    configDir = configDir.toAbsolutePath().normalize();
    keyringDir = keyringDir == null ? null : keyringDir.toAbsolutePath().normalize();
  }

  /** Everything under one directory: the local runtime's layout. */
  public ClusterLayout(Path root) {
    this(root, root, null);
  }

  /** A pod's layout: scratch and data under {@code root}, config and keyrings from volumes. */
  public static ClusterLayout inContainer(Path root, Path configDir, Path keyringDir) {
    return new ClusterLayout(root, configDir, keyringDir);
  }

  public Path conf() {
    return configDir.resolve("ceph.conf");
  }

  public Path adminKeyring() {
    return keyringDir == null
        ? root.resolve("client.admin.keyring")
        : entityKeyring(Daemon.ADMIN_ENTITY);
  }

  /** The keys and caps ceph-mon --mkfs imports. */
  public Path monKeyring() {
    return keyringDir == null ? root.resolve("mon.keyring") : keyringDir.resolve("mon.keyring");
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

  /**
   * The keyring a daemon reads: $data/keyring as the packaged daemons expect, or its file in the
   * keyring directory.
   */
  public Path keyring(Daemon daemon) {
    return keyringInDataDir(daemon.type())
        ? dataDir(daemon).resolve("keyring")
        : entityKeyring(daemon.name());
  }

  /**
   * {@link #keyring} as ceph.conf spells it for every daemon of a type, with Ceph's metavariables.
   */
  public String keyringTemplate(Daemon.Type type) {
    return keyringInDataDir(type)
        ? "$" + type.word() + "_data/keyring"
        : keyringDir + "/$name.keyring";
  }

  /** The file name of an entity's keyring in the keyring directory: "osd.0.keyring". */
  public static String keyringFileName(String entityName) {
    return entityName + ".keyring";
  }

  private Path entityKeyring(String entityName) {
    return keyringDir.resolve(keyringFileName(entityName));
  }

  private boolean keyringInDataDir(Daemon.Type type) {
    return keyringDir == null || type == Daemon.Type.MON;
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
