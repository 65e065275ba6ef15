package io.strata.node.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Long-lived helper processes (rbd-fuse, ceph-fuse) that must outlive the plugin: a {@link
 * DaemonLauncher} starts them, in a session of the plugin's own or in the node's FUSE holder. They
 * are found again by pid and command line from /proc, never from memory; the command line check
 * keeps a reused pid from being mistaken for (or killed as) our daemon. With a holder, the plugin
 * shares the node's PID namespace, so the holder's pids are the plugin's too.
 */
public final class Daemons {
  private final DaemonLauncher launcher;
  private final Path proc;

  /** Daemons started by the plugin itself, each in a session of its own. */
  public Daemons() {
    this(new SessionLauncher());
  }

  public Daemons(DaemonLauncher launcher) {
    this(launcher, Path.of("/proc"));
  }

  Daemons(Path proc) {
    this(new SessionLauncher(), proc);
  }

  private Daemons(DaemonLauncher launcher, Path proc) {
    this.launcher = launcher;
    this.proc = proc;
  }

  /** Starts a daemon detached from the plugin, through the launcher, and returns its pid. */
  public long start(Command command, Path logFile) {
    return launcher.launch(command, logFile);
  }

  /**
   * Whether a process lives, whatever its command line: right after {@link #start} the child may
   * still be the JVM's spawn helper or setsid, not yet the daemon.
   */
  public boolean isAlive(long pid) {
    return pid > 0
        && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)
        && !isZombie(pid);
  }

  /** Whether the process lives (not a zombie) and its command line contains {@code marker}. */
  public boolean isRunning(long pid, String marker) {
    return pid > 0
        && commandLine(pid).filter(argv -> argv.contains(marker)).isPresent()
        && !isZombie(pid);
  }

  /** The pid of a running {@code program} whose arguments include {@code marker}, if any. */
  public Optional<Long> find(String program, String marker) {
    try (Stream<Path> entries = Files.list(proc)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(name -> name.chars().allMatch(Character::isDigit))
          .map(Long::parseLong)
          .filter(pid ->
              commandLine(pid)
                  .filter(argv ->
                      !argv.isEmpty() && argv.get(0).endsWith(program) && argv.contains(marker))
                  .isPresent())
          .filter(pid -> !isZombie(pid))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + proc, e);
    }
  }

  /** Waits for the daemon to end by itself; true when it is gone. */
  public boolean awaitExit(long pid, String marker, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    while (isRunning(pid, marker)) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      sleep(20);
    }
    return true;
  }

  /** SIGTERM, then SIGKILL after {@code grace}; a daemon already gone is fine. */
  public void stop(long pid, String marker, Duration grace) {
    if (!isRunning(pid, marker)) {
      return;
    }
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroy);
    if (!awaitExit(pid, marker, grace)) {
      ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
      awaitExit(pid, marker, grace);
    }
  }

  Optional<List<String>> commandLine(long pid) {
    try {
      byte[] raw = Files.readAllBytes(proc.resolve(Long.toString(pid)).resolve("cmdline"));
      String text = new String(raw, StandardCharsets.UTF_8);
      return Optional.of(List.of(text.split("\0")));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private boolean isZombie(long pid) {
    try {
      String stat = Files.readString(proc.resolve(Long.toString(pid)).resolve("stat"));
      // "pid (comm) S ...": the state follows the last ')', as comm may contain spaces
      String afterComm = stat.substring(stat.lastIndexOf(')') + 1).strip();
      return afterComm.startsWith("Z") || afterComm.startsWith("X");
    } catch (IOException | StringIndexOutOfBoundsException e) {
      return true;
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a daemon", e);
    }
  }
}
