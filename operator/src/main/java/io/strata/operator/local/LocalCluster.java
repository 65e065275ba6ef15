package io.strata.operator.local;

import io.strata.ceph.CephConnection;
import io.strata.ceph.CephRelease;
import io.strata.ceph.ConnectionSpec;
import io.strata.operator.bootstrap.CephAdmin;
import io.strata.operator.bootstrap.CephBootstrap;
import io.strata.operator.bootstrap.CephConf;
import io.strata.operator.bootstrap.CephxKey;
import io.strata.operator.bootstrap.ClusterKeys;
import io.strata.operator.bootstrap.ClusterLayout;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.Keyring;
import io.strata.operator.bootstrap.MonAddress;
import io.strata.operator.bootstrap.ServiceNames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-node Ceph cluster (mon, mgr, one bluestore OSD on a sparse file, MDS) run as local
 * processes from one directory, for development, tests and demos. Several run side by side: each
 * picks its own monitor ports and keeps every file in its directory. {@link #down()} stops every
 * process with a PID file under {@code <dir>/run/}, so plugins started with the same {@link
 * #processes()} stop with it.
 */
public final class LocalCluster {
  private static final Logger LOG = LoggerFactory.getLogger(LocalCluster.class);
  private static final String OWNER_MARKER = ".strata-local";

  /** Names the {@link CephRoot} a cluster was made with; absent for the host's Ceph. */
  private static final String CEPH_ROOT_RECORD = "ceph-root";

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration STATUS_TIMEOUT = Duration.ofSeconds(3);

  /** Where a local cluster listens unless told otherwise. */
  public static final String LOOPBACK = "127.0.0.1";

  private final ClusterLayout layout;
  private final LocalProcesses processes;
  private final CephPackages packages;
  private final ServiceNames names;
  private final Duration timeout;
  private final String address;
  private final Optional<CephRoot> cephRoot;

  public LocalCluster(Path directory) {
    this(directory, LOOPBACK, Optional.empty());
  }

  /**
   * @param address the IPv4 address the daemons listen on when the cluster is made (loopback by
   *     default; another local address lets pods on a pod network reach it)
   * @param cephRoot where the daemons come from when the cluster is made (the host's Ceph if
   *     empty); a cluster is always run from the root it was made with
   */
  public LocalCluster(Path directory, String address, Optional<CephRoot> cephRoot) {
    this(directory, CephPackages.ofHost(), Duration.ofMinutes(3), address, cephRoot);
  }

  public LocalCluster(Path directory, CephPackages packages, Duration timeout) {
    this(directory, packages, timeout, LOOPBACK, Optional.empty());
  }

  private LocalCluster(
      Path directory,
      CephPackages packages,
      Duration timeout,
      String address,
      Optional<CephRoot> cephRoot) {
    this.layout = new ClusterLayout(directory);
    this.processes = new LocalProcesses(layout.runDir(), layout.logDir());
    this.packages = packages;
    this.names = ServiceNames.DEFAULT;
    this.timeout = timeout;
    this.address = address;
    this.cephRoot = cephRoot;
  }

  /** The supervisor of this cluster's processes, for starting more under the same run/. */
  public LocalProcesses processes() {
    return processes;
  }

  public Path directory() {
    return layout.root();
  }

  /**
   * Creates the cluster if the directory holds none, or reuses it and restarts whatever stopped;
   * returns once it can serve RBD and CephFS. Repeating it is harmless. Calls for one directory are
   * serialised across processes by a lock file; two threads of one JVM must not overlap.
   *
   * @throws IllegalStateException when Debian packages are missing and cannot be installed, or the
   *     directory holds files that are not a local cluster's
   * @throws io.strata.operator.bootstrap.BootstrapException when a step fails or the cluster is not
   *     ready within the timeout; the message names the daemon log to read
   */
  public LocalClusterInfo up() {
    long started = System.nanoTime();
    claimDirectory();
    boolean created;
    try (FileChannel channel = lockFile();
        FileLock lock = channel.lock()) {
      created = !Files.exists(layout.doneMarker());
      Optional<CephRoot> root = created ? recordCephRoot() : recordedCephRoot();
      root.ifPresent(CephRoot::check);
      (root.isPresent() ? packages.plus(CephRoot.BUBBLEWRAP) : packages).ensureInstalled();
      LocalCephRuntime runtime = new LocalCephRuntime(processes, root, layout.root());
      CephBootstrap bootstrap = new CephBootstrap(layout, runtime, names, timeout);
      if (created) {
        create(bootstrap, runtime.release());
      }
      CephConf.Identity identity = identity();
      if (!identity.mon().host().equals(address)) {
        throw new IllegalStateException(
            "the cluster in "
                + layout.root()
                + " was made on "
                + identity.mon().host()
                + ", not "
                + address
                + ": use that address, or purge the directory (strata local down --purge) to"
                + " make it anew");
      }
      if (!processes.isRunning(CephBootstrap.MON.name())) {
        checkPortsFree(identity.mon());
      }
      bootstrap.converge(identity.mon(), adminKey());
    } catch (IOException e) {
      throw new UncheckedIOException("lock " + layout.root(), e);
    }
    Duration boot = Duration.ofNanos(System.nanoTime() - started);
    LOG.info(
        "local cluster in {} {} and ready in {} ms",
        layout.root(),
        created ? "created" : "reused",
        boot.toMillis());
    return info(boot);
  }

  /**
   * Stops every supervised process of this directory (Ceph and plugins): SIGTERM, up to 15 s, then
   * SIGKILL, one tier at a time. Clients of the OSDs go first (plugins, then the MDS, which flushes
   * its journal on the way out), then the OSDs, then the manager, monitors last so the others can
   * still report to them. Takes no lock, so it also stops an {@link #up()} that hangs in another
   * process.
   */
  public void down() {
    List<List<String>> tiers =
        List.of(
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>(),
            new ArrayList<>());
    for (LocalProcesses.Entry entry : processes.list()) {
      tiers.get(stopTier(entry.name())).add(entry.name());
    }
    tiers.forEach(tier -> processes.stop(tier, STOP_GRACE));
    List<String> alive =
        processes.list().stream()
            .filter(LocalProcesses.Entry::alive)
            .map(LocalProcesses.Entry::name)
            .toList();
    if (!alive.isEmpty()) {
      throw new IllegalStateException("still running in " + layout.root() + ": " + alive);
    }
    LOG.info("local cluster in {} stopped", layout.root());
  }

  private static int stopTier(String processName) {
    if (processName.startsWith("mds.")) {
      return 1;
    }
    if (processName.startsWith("osd.")) {
      return 2;
    }
    if (processName.startsWith("mgr.")) {
      return 3;
    }
    return processName.startsWith("mon.") ? 4 : 0;
  }

  /** {@link #down()}, then deletes the directory; refuses a directory this class did not make. */
  public void purge() {
    if (!Files.exists(layout.root())) {
      return;
    }
    if (!Files.exists(layout.root().resolve(OWNER_MARKER))) {
      throw new IllegalStateException(layout.root() + " is not a local cluster directory");
    }
    down();
    List<Path> mounts = Directories.mountsUnder(layout.root());
    if (!mounts.isEmpty()) {
      throw new IllegalStateException(
          "unmount these before purging " + layout.root() + ": " + mounts);
    }
    Directories.deleteTree(layout.root());
  }

  /** Processes and health; never waits more than a few seconds, even when the cluster is down. */
  public ClusterStatus status() {
    boolean created = Files.exists(layout.doneMarker());
    List<LocalProcesses.Entry> entries = processes.list();
    String health = ClusterStatus.UNREACHABLE;
    if (created && processes.isRunning(CephBootstrap.MON.name())) {
      ConnectionSpec spec =
          new ConnectionSpec(
              List.of(identity().mon().plainV2()), "admin", adminKey(), STATUS_TIMEOUT);
      try (CephConnection ceph = CephConnection.open(spec)) {
        health = new CephAdmin(ceph).health();
      } catch (RuntimeException e) {
        LOG.debug("monitor of {} did not answer: {}", layout.root(), e.getMessage());
      }
    }
    return new ClusterStatus(layout.root(), created, entries, health);
  }

  private void create(CephBootstrap bootstrap, CephRelease release) {
    if (Files.exists(layout.conf())) {
      LOG.warn("an earlier creation in {} did not finish; starting over", layout.root());
      down();
      layout.bootstrapOutputs().forEach(Directories::deleteTree);
    }
    List<Integer> ports = new FreePorts(inetAddress(address)).pick(2);
    MonAddress mon = new MonAddress(address, ports.get(0), ports.get(1));
    CephConf conf = CephConf.singleNode(UUID.randomUUID().toString(), mon, layout);
    ClusterKeys keys = ClusterKeys.generate(new CephxKey(), CephBootstrap.DAEMONS, release);
    try {
      bootstrap.create(conf, keys, release);
    } catch (RuntimeException e) {
      down(); // nothing half-made keeps running; the files stay for a look, the next up() redoes
      throw e;
    }
  }

  /** Writes down the root this cluster is made with, so every later up() runs the same Ceph. */
  private Optional<CephRoot> recordCephRoot() throws IOException {
    Path record = layout.root().resolve(CEPH_ROOT_RECORD);
    if (cephRoot.isPresent()) {
      Files.writeString(record, cephRoot.get().directory() + "\n");
    } else {
      Files.deleteIfExists(record);
    }
    return cephRoot;
  }

  /**
   * The root the cluster was made with. Asked for another, it refuses: daemons of another release
   * would upgrade or fail to read the stores.
   */
  private Optional<CephRoot> recordedCephRoot() throws IOException {
    Path record = layout.root().resolve(CEPH_ROOT_RECORD);
    Optional<CephRoot> recorded =
        Files.exists(record)
            ? Optional.of(new CephRoot(Path.of(Files.readString(record).strip())))
            : Optional.empty();
    if (cephRoot.isPresent() && !cephRoot.equals(recorded)) {
      throw new IllegalStateException(
          "the cluster in "
              + layout.root()
              + " was made with "
              + recorded.map(r -> "the Ceph root " + r.directory()).orElse("the host's Ceph")
              + ", not "
              + cephRoot.get().directory()
              + ": leave out --ceph-root, or purge the directory (strata local down --purge) to"
              + " make it anew");
    }
    return recorded;
  }

  /** The ports were free when the cluster was made; something else may have taken one since. */
  private void checkPortsFree(MonAddress mon) {
    for (int port : List.of(mon.v2Port(), mon.v1Port())) {
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(mon.host(), port));
      } catch (IOException e) {
        throw new IllegalStateException(
            "monitor port "
                + port
                + " of "
                + layout.root()
                + " is in use by another process;"
                + " free it, or purge this cluster and make a new one");
      }
    }
  }

  /** Makes the directory ours, or checks that it already is. */
  private void claimDirectory() {
    Path root = layout.root();
    Path marker = root.resolve(OWNER_MARKER);
    try {
      if (Files.exists(marker)) {
        return;
      }
      if (Files.isDirectory(root) && !Directories.isEmpty(root)) {
        throw new IllegalStateException(
            root + " is not empty and not a local cluster directory; choose another");
      }
      Files.createDirectories(root);
      Files.writeString(marker, "strata local cluster\n");
    } catch (IOException e) {
      throw new UncheckedIOException("prepare " + root, e);
    }
  }

  private FileChannel lockFile() throws IOException {
    return FileChannel.open(
        layout.root().resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
  }

  private CephConf.Identity identity() {
    try {
      return CephConf.identity(Files.readString(layout.conf()));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + layout.conf(), e);
    }
  }

  private String adminKey() {
    try {
      return Keyring.parse(Files.readString(layout.adminKeyring()))
          .keyOf(Daemon.ADMIN_ENTITY)
          .orElseThrow(() -> new IllegalStateException("no admin key in " + layout.adminKeyring()));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + layout.adminKeyring(), e);
    }
  }

  private LocalClusterInfo info(Duration boot) {
    CephConf.Identity identity = identity();
    return new LocalClusterInfo(
        layout.root(),
        identity.fsid(),
        List.of(identity.mon().plainV2()),
        layout.conf(),
        layout.adminKeyring(),
        adminKey(),
        names.rbdPool(),
        names.fsName(),
        names.subvolumeGroup(),
        boot);
  }

  private static InetAddress inetAddress(String address) {
    try {
      return InetAddress.getByName(address);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
