package io.strata.node.fuse;

import io.grpc.Status;
import io.strata.csi.CsiException;
import io.strata.node.exec.Command;
import io.strata.node.exec.Daemons;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Unmounter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The FUSE daemons (rbd-fuse, ceph-fuse) the plugin runs for its volumes. Each runs in the
 * foreground in a session of its own ({@link Daemons}), so it outlives the plugin, and appends its
 * output to a log file of the plugin's. A daemon is known by its program and its mount point, which
 * its command line names: after a restart it is found again from /proc and the mount table, never
 * from memory.
 */
public final class FuseDaemon {
  private static final Duration EXIT_WAIT = Duration.ofSeconds(5);
  // how Ceph tools report ENOENT ("ceph mount failed with (2) No such file or directory")
  private static final String NO_SUCH_ENTRY = "(2) No such file or directory";
  // a key the monitors refuse: before (handle_auth_bad_method) or after authentication (EACCES)
  private static final List<String> REFUSED =
      List.of("handle_auth_bad_method", "(13) Permission denied");

  private final Daemons daemons;
  private final MountTable mounts;
  private final Unmounter unmounter;

  public FuseDaemon(Daemons daemons, MountTable mounts, Unmounter unmounter) {
    this.daemons = daemons;
    this.mounts = mounts;
    this.unmounter = unmounter;
  }

  /** Whether a FUSE filesystem is mounted at {@code mountPoint}, covered by others or not. */
  public boolean isMounted(Path mountPoint) {
    Path wanted = mountPoint.toAbsolutePath().normalize();
    return mounts.entries().stream().anyMatch(m -> m.mountPoint().equals(wanted) && m.isFuse());
  }

  /** The pid of the daemon serving {@code mountPoint}, when it runs and its mount is in place. */
  public Optional<Long> running(String program, Path mountPoint) {
    return daemons.find(program, mountPoint.toString()).filter(pid -> isMounted(mountPoint));
  }

  /**
   * Starts {@code command} (whose arguments name {@code mountPoint}) and returns its pid once its
   * FUSE mount is in place. A daemon that exits first is reported with the errors it logged
   * (NOT_FOUND when Ceph said ENOENT, PERMISSION_DENIED when it refused the key), one that does not
   * mount in time as DEADLINE_EXCEEDED; either way nothing of it is left running.
   *
   * @param subject what the daemon serves, for messages ("rbd/image", "volume v1")
   */
  public long start(
      Command command, Path mountPoint, Path logFile, Duration timeout, String subject) {
    DaemonLog log = DaemonLog.from(logFile);
    long pid = daemons.start(command, logFile);
    try {
      awaitMount(command, pid, mountPoint, log, timeout, subject);
      return pid;
    } catch (RuntimeException e) {
      stop(command.program(), mountPoint, pid);
      throw e;
    }
  }

  /**
   * Polls for the mount. A refused key ends the wait at once: the daemon itself would keep asking
   * the monitors until its mount timeout.
   */
  private void awaitMount(
      Command command, long pid, Path mountPoint, DaemonLog log, Duration timeout, String subject) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isMounted(mountPoint)) {
      boolean exited = !daemons.isAlive(pid);
      String errors = command.redact(log.errors());
      if (exited || isRefusal(errors)) {
        throw new CsiException(
            codeFor(errors),
            command.program()
                + " for "
                + subject
                + (exited ? " exited before mounting: " : " was refused by the monitors: ")
                + errors);
      }
      if (System.nanoTime() > deadline) {
        throw new CsiException(
            Status.Code.DEADLINE_EXCEEDED,
            command.program()
                + " for "
                + subject
                + " did not mount within "
                + timeout.toSeconds()
                + " s");
      }
      DaemonLog.pause();
    }
  }

  private static boolean isRefusal(String errors) {
    return REFUSED.stream().anyMatch(errors::contains);
  }

  private static Status.Code codeFor(String errors) {
    if (errors.contains(NO_SUCH_ENTRY)) {
      return Status.Code.NOT_FOUND;
    }
    return isRefusal(errors) ? Status.Code.PERMISSION_DENIED : Status.Code.INTERNAL;
  }

  /**
   * Unmounts and makes sure the daemon is gone: it exits by itself once unmounted, and is killed
   * when it does not. Fine when nothing is there.
   */
  public void stop(String program, Path mountPoint, long pid) {
    unmounter.unmountAll(mountPoint);
    String marker = mountPoint.toString();
    long daemon =
        pid > 0 && daemons.isRunning(pid, marker) ? pid : daemons.find(program, marker).orElse(0L);
    if (daemon > 0 && !daemons.awaitExit(daemon, marker, EXIT_WAIT)) {
      daemons.stop(daemon, marker, EXIT_WAIT);
    }
    unmounter.unmountAll(mountPoint); // a daemon killed before it mounted may have mounted since
  }

  /** Empty while the daemon runs and its mount is in place. */
  public Optional<String> problem(String program, Path mountPoint, long pid) {
    String marker = mountPoint.toString();
    if (!daemons.isRunning(pid, marker) && daemons.find(program, marker).isEmpty()) {
      return Optional.of("the " + program + " daemon for " + mountPoint + " is not running");
    }
    if (!isMounted(mountPoint)) {
      return Optional.of(program + " is not mounted at " + mountPoint);
    }
    return Optional.empty();
  }
}
