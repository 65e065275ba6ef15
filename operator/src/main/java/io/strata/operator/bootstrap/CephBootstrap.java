package io.strata.operator.bootstrap;

import io.strata.ceph.CephConnection;
import io.strata.ceph.CephRelease;
import io.strata.ceph.ConnectionSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ordered steps that make a one-node Ceph cluster serve RBD and CephFS, on any {@link
 * CephRuntime}:
 *
 * <ol>
 *   <li>{@link #create}, once: keyrings (every key generated in Java, all imported by the monitor
 *       at --mkfs), ceph.conf, monmaptool, ceph-mon --mkfs, ceph-mon, ceph-mgr, {@code osd new},
 *       ceph-osd --mkfs, and a marker that creation finished;
 *   <li>{@link #converge}, every time: start whatever is not running (mon first), make the RBD
 *       pool, the CephFS filesystem and its subvolume group when absent, wait until the cluster can
 *       serve. Safe to repeat; with everything in place it costs a few status calls.
 * </ol>
 */
public final class CephBootstrap {
  public static final Daemon MON = Daemon.mon("a");
  public static final Daemon MGR = Daemon.mgr("x");
  public static final Daemon OSD = Daemon.osd(0);
  public static final Daemon MDS = Daemon.mds("a");

  /** In start order. */
  public static final List<Daemon> DAEMONS = List.of(MON, MGR, OSD, MDS);

  private static final Logger LOG = LoggerFactory.getLogger(CephBootstrap.class);
  private static final Duration OP_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration MKFS_TIMEOUT = Duration.ofMinutes(2);
  private static final int OSDS = 1;

  private final ClusterLayout layout;
  private final CephRuntime runtime;
  private final DaemonCommands commands;
  private final ServiceNames names;
  private final Duration timeout;

  /**
   * @param timeout bound for each of {@link #create} and {@link #converge}
   */
  public CephBootstrap(
      ClusterLayout layout, CephRuntime runtime, ServiceNames names, Duration timeout) {
    this.layout = layout;
    this.runtime = runtime;
    this.commands = new DaemonCommands(layout);
    this.names = names;
    this.timeout = timeout;
  }

  /**
   * The one-time steps; leaves the monitor and the mgr running.
   *
   * @param release that of the daemons the runtime starts, for the monitor's first map
   */
  public void create(CephConf conf, ClusterKeys keys, CephRelease release) {
    if (conf.mons().size() != 1) {
      throw new IllegalArgumentException("the one-node bootstrap makes one monitor");
    }
    MonAddress mon = conf.mons().get(0);
    Waiter wait = new Waiter(runtime, layout.root(), timeout);
    runtime.createDirectories(layout.directories());
    runtime.writeFile(layout.conf(), conf.render(), false);
    runtime.writeFile(layout.monKeyring(), keys.monKeyring().render(), true);
    runtime.writeFile(layout.adminKeyring(), keys.adminKeyring().render(), true);
    for (Daemon daemon : List.of(MGR, OSD, MDS)) {
      runtime.writeFile(layout.keyring(daemon), keys.daemonKeyring(daemon).render(), true);
    }
    LOG.info("making a Ceph {} cluster", release);
    runtime.run("monmaptool", commands.monmapCreate(conf.fsid(), MON, mon, release), MKFS_TIMEOUT);
    runtime.run("mon mkfs", commands.monMkfs(MON), MKFS_TIMEOUT);
    start(MON, wait);
    try (CephConnection ceph = connect(mon, keys.adminKey(), wait)) {
      start(MGR, wait); // boots while the OSD store is made
      String uuid = UUID.randomUUID().toString();
      int id = wait.retry("osd new", () -> new CephAdmin(ceph).osdNew(uuid));
      if (!Integer.toString(id).equals(OSD.id())) {
        throw new BootstrapException("monitor gave OSD id " + id + ", expected " + OSD.id());
      }
      runtime.run("osd mkfs", commands.osdMkfs(OSD, uuid), MKFS_TIMEOUT);
    }
    runtime.writeFile(layout.doneMarker(), "fsid " + conf.fsid() + "\n", false);
    LOG.info("created cluster {} in {} ms", conf.fsid(), wait.elapsed().toMillis());
  }

  /** Starts what is stopped, makes what is missing, and returns once the cluster can serve. */
  public ClusterReadiness converge(MonAddress mon, String adminKey) {
    Waiter wait = new Waiter(runtime, layout.root(), timeout);
    start(MON, wait);
    try (CephConnection ceph = connect(mon, adminKey, wait)) {
      CephAdmin admin = new CephAdmin(ceph);
      List.of(MGR, OSD, MDS).forEach(daemon -> start(daemon, wait));
      // The pool needs the monitor and the OSD, the filesystem the mgr: make both at once.
      CompletableFuture<Void> pool =
          CompletableFuture.runAsync(
              () -> wait.retry("rbd pool", () -> admin.ensureRbdPool(names.rbdPool())),
              CephBootstrap::daemonThread);
      try {
        wait.until(admin::readiness, r -> r.mgrAvailable() ? List.of() : List.of("an active mgr"));
        wait.retry("filesystem", () -> admin.ensureFilesystem(names.fsName()));
        join(pool);
      } finally {
        pool.exceptionally(e -> null).join(); // the connection must outlive its other user
      }
      LOG.debug("pool and filesystem after {} ms", wait.elapsed().toMillis());
      wait.until(admin::readiness, r -> r.missing(OSDS, true));
      wait.retry(
          "subvolume group",
          () -> admin.ensureSubvolumeGroup(names.fsName(), names.subvolumeGroup()));
      LOG.debug("serving after {} ms", wait.elapsed().toMillis());
      return wait.until(admin::readiness, r -> r.missing(OSDS, true));
    }
  }

  private void start(Daemon daemon, Waiter wait) {
    if (!runtime.isRunning(daemon)) {
      runtime.start(daemon, commands.run(daemon));
      LOG.info("started {}", daemon);
    }
    wait.watch(daemon);
  }

  /** Waits for the monitor's port, then connects as client.admin. */
  private CephConnection connect(MonAddress mon, String adminKey, Waiter wait) {
    wait.until(
        () -> accepts(mon.host(), mon.v2Port()),
        open -> open ? List.of() : List.of("monitor listening on " + mon.plainV2()));
    // Probe with a short timeout first, so a monitor that exits meanwhile is noticed in seconds.
    List<String> monitors = List.of(mon.plainV2());
    ConnectionSpec probe = new ConnectionSpec(monitors, "admin", adminKey, PROBE_TIMEOUT);
    wait.retry("connect", () -> CephConnection.open(probe).close());
    ConnectionSpec spec = new ConnectionSpec(monitors, "admin", adminKey, OP_TIMEOUT);
    return wait.retry("connect", () -> CephConnection.open(spec));
  }

  private static boolean accepts(String host, int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static void daemonThread(Runnable task) {
    Thread thread = new Thread(task, "strata-bootstrap");
    thread.setDaemon(true);
    thread.start();
  }

  private static void join(CompletableFuture<Void> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }
}
