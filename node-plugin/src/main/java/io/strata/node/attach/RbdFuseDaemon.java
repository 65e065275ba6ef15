package io.strata.node.attach;

import io.strata.ceph.ConnectionSpec;
import io.strata.csi.CsiException;
import io.strata.node.exec.Command;
import io.strata.node.exec.CommandResult;
import io.strata.node.exec.CommandRunner;
import io.strata.node.exec.KeyFile;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * One rbd-fuse daemon per volume, limited to its image ({@code -r}), mounted under the plugin's
 * state directory ({@code <fuseRoot>/<volumeKey>}), run by {@link FuseDaemon} so it outlives the
 * plugin, logging to {@code <fuseRoot>/<volumeKey>.log}. It reads monitors, user and a key file
 * from its arguments; the key file is deleted as soon as the image file is visible (the daemon has
 * connected by then and keeps the key in memory). See {@link FuseMountPoint} for why the mount
 * point gets covered once the image file is in use.
 */
public final class RbdFuseDaemon {
  static final String PROGRAM = "rbd-fuse";

  private final CommandRunner runner;
  private final FuseDaemon fuse;
  private final FuseMountPoint mountPoints;
  private final CephArgs cephArgs;
  private final Path fuseRoot;
  private final Path keyDir;

  public RbdFuseDaemon(
      CommandRunner runner,
      FuseDaemon fuse,
      MountTable mounts,
      CephArgs cephArgs,
      Path fuseRoot,
      Path keyDir) {
    this.runner = runner;
    this.fuse = fuse;
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
    Optional<Long> running = fuse.running(PROGRAM, mountPoint);
    if (running.isPresent()) {
      return new FuseMount(mountPoint, running.get());
    }
    stop(mountPoint, 0);
    FuseMountPoint.create(mountPoint);
    String key = connection.key();
    try (KeyFile keyFile = KeyFile.write(keyDir, key)) {
      Command command = command(mountPoint, image, connection, keyFile.path()).redacting(key);
      try {
        long pid =
            fuse.start(
                command,
                mountPoint,
                FuseMountPoint.logFile(mountPoint),
                cephArgs.mountTimeout(),
                image.spec());
        awaitImageFile(mountPoint, image);
        return new FuseMount(mountPoint, pid);
      } catch (RuntimeException e) {
        stop(mountPoint, 0);
        throw e;
      }
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

  /** Stats the image file: that call waits for the daemon's connect. */
  private void awaitImageFile(Path mountPoint, ImageSpec image) {
    Path file = mountPoint.resolve(image.image());
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
    fuse.stop(PROGRAM, mountPoint, pid);
    FuseMountPoint.remove(mountPoint);
  }

  /** Covers the mount point once the loop device holds the image file open. */
  public void guard(Path mountPoint) {
    mountPoints.guard(mountPoint);
  }

  /** Empty while the daemon runs and its mount is in place. */
  public Optional<String> problem(Path mountPoint, long pid) {
    return fuse.problem(PROGRAM, mountPoint, pid);
  }
}
