package io.strata.node.attach;

import io.grpc.Status;
import io.strata.ceph.ConnectionSpec;
import io.strata.csi.CsiException;
import io.strata.node.exec.Command;
import io.strata.node.exec.CommandResult;
import io.strata.node.exec.CommandRunner;
import io.strata.node.exec.Daemons;
import io.strata.node.exec.KeyFile;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rbd-fuse daemon per volume, limited to its image ({@code -r}), mounted under the plugin's
 * state directory ({@code <fuseRoot>/<volumeKey>}), started detached so it outlives the plugin,
 * logging to {@code <fuseRoot>/<volumeKey>.log}. It reads monitors, user and a key file from its
 * arguments; the key file is deleted as soon as the image file is visible (the daemon has connected
 * by then and keeps the key in memory). Found again after a restart by its mount point; see {@link
 * FuseMountPoint} for why the mount point gets covered once the image file is in use.
 */
public final class RbdFuseDaemon {
  static final String PROGRAM = "rbd-fuse";
  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);

  private final CommandRunner runner;
  private final Daemons daemons;
  private final FuseMountPoint mountPoints;
  private final CephArgs cephArgs;
  private final Path fuseRoot;
  private final Path keyDir;

  public RbdFuseDaemon(
      CommandRunner runner,
      Daemons daemons,
      MountTable mounts,
      CephArgs cephArgs,
      Path fuseRoot,
      Path keyDir) {
    this.runner = runner;
    this.daemons = daemons;
    this.mountPoints = new FuseMountPoint(mounts, new Mounter(runner));
    this.cephArgs = cephArgs;
    this.fuseRoot = fuseRoot;
    this.keyDir = keyDir;
  }

  /** A running daemon: its pid and where the image file appears. */
  public record FuseMount(Path mountPoint, long pid) {}

  public Path mountPoint(String volumeKey) {
    return fuseRoot.resolve(volumeKey);
  }

  /** Starts the daemon for the image, or returns the one already serving it. */
  public FuseMount start(String volumeKey, ImageSpec image, ConnectionSpec connection) {
    Path mountPoint = mountPoint(volumeKey);
    Optional<Long> running = daemons.find(PROGRAM, mountPoint.toString());
    if (running.isPresent() && mountPoints.isFuseMounted(mountPoint)) {
      return new FuseMount(mountPoint, running.get());
    }
    stop(mountPoint, running.orElse(0L));
    FuseMountPoint.create(mountPoint);
    String key = connection.key();
    try (KeyFile keyFile = KeyFile.write(keyDir, key)) {
      Command command = command(mountPoint, image, connection, keyFile.path()).redacting(key);
      FuseMount started =
          new FuseMount(mountPoint, daemons.start(command, FuseMountPoint.logFile(mountPoint)));
      try {
        awaitImageFile(started, image, command);
      } catch (RuntimeException e) {
        stop(mountPoint, started.pid());
        throw e;
      }
      return started;
    }
  }

  Command command(Path mountPoint, ImageSpec image, ConnectionSpec connection, Path keyFile) {
    List<String> argv = new ArrayList<>(List.of(PROGRAM, "-f"));
    argv.addAll(cephArgs.of(connection, keyFile));
    argv.addAll(List.of("--log-file=" + FuseMountPoint.logFile(mountPoint), "--admin-socket="));
    argv.addAll(List.of("-p", image.pool()));
    if (!image.namespace().isEmpty()) {
      argv.add("--namespace=" + image.namespace());
    }
    argv.addAll(List.of("-r", image.image(), mountPoint.toString()));
    return Command.of(argv);
  }

  /** Waits for the mount, then stats the image file: that call waits for the daemon's connect. */
  private void awaitImageFile(FuseMount fuse, ImageSpec image, Command command) {
    long deadline = System.nanoTime() + cephArgs.mountTimeout().toNanos();
    while (!mountPoints.isFuseMounted(fuse.mountPoint())) {
      if (!daemons.isAlive(fuse.pid())) {
        throw new CsiException(
            Status.Code.INTERNAL,
            "rbd-fuse for "
                + image
                + " exited before mounting: "
                + command.redact(DaemonLog.errors(FuseMountPoint.logFile(fuse.mountPoint()))));
      }
      if (System.nanoTime() > deadline) {
        throw new CsiException(
            Status.Code.DEADLINE_EXCEEDED,
            "rbd-fuse for "
                + image
                + " did not mount within "
                + cephArgs.mountTimeout().toSeconds()
                + " s");
      }
      DaemonLog.pause();
    }
    Path file = fuse.mountPoint().resolve(image.image());
    CommandResult stat =
        runner.run(
            Command.of("stat", "-c", "%s", file.toString())
                .timeout(cephArgs.mountTimeout().plusSeconds(10)));
    if (!stat.succeeded()) {
      throw CsiException.notFound(
          "RBD image " + image + " not found through rbd-fuse: " + stat.stderr().strip());
    }
  }

  /** Unmounts and makes sure the daemon is gone; fine when nothing is there. */
  public void stop(Path mountPoint, long pid) {
    mountPoints.unmountAll(mountPoint);
    String marker = mountPoint.toString();
    long daemon =
        pid > 0 && daemons.isRunning(pid, marker) ? pid : daemons.find(PROGRAM, marker).orElse(0L);
    if (daemon > 0 && !daemons.awaitExit(daemon, marker, EXIT_WAIT)) {
      daemons.stop(daemon, marker, EXIT_WAIT);
    }
    mountPoints.unmountAll(mountPoint); // a daemon killed before it mounted may have mounted since
    FuseMountPoint.remove(mountPoint);
  }

  /** Covers the mount point once the loop device holds the image file open. */
  public void guard(Path mountPoint) {
    mountPoints.guard(mountPoint);
  }

  /** Empty while the daemon runs and its mount is in place. */
  public Optional<String> problem(Path mountPoint, long pid) {
    if (!daemons.isRunning(pid, mountPoint.toString())
        && daemons.find(PROGRAM, mountPoint.toString()).isEmpty()) {
      return Optional.of("the rbd-fuse daemon for " + mountPoint + " is not running");
    }
    if (!mountPoints.isFuseMounted(mountPoint)) {
      return Optional.of("rbd-fuse is not mounted at " + mountPoint);
    }
    return Optional.empty();
  }
}
