package io.strata.operator.local;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Background processes supervised through files: each named process has a PID file {@code
 * <runDir>/<name>.pid} and appends stdout and stderr to {@code <logDir>/<name>.out}. Processes run
 * in their own session (setsid), so they outlive the JVM that started them and a Ctrl-C in its
 * terminal. A PID file holds the PID and, on a second line, the process's start time (epoch ms), so
 * a PID reused after a reboot is never mistaken for ours and never signalled; a plain one-line PID
 * file written by another tool is trusted only for a process that started before the file was
 * written. Names may contain '/' ("csi/node").
 */
public final class LocalProcesses {
  private static final Logger LOG = LoggerFactory.getLogger(LocalProcesses.class);
  private static final Path SETSID = Path.of("/usr/bin/setsid");
  private static final Duration KILL_WAIT = Duration.ofSeconds(5);
  private static final Duration SAME_START = Duration.ofSeconds(2);
  private static final Duration EXIT_POLL = Duration.ofMillis(25);
  private static final Duration CHILD_WAIT = Duration.ofSeconds(10);

  private final Path runDir;
  private final Path logDir;

  public LocalProcesses(Path runDir, Path logDir) {
    this.runDir = runDir;
    this.logDir = logDir;
  }

  /** A process as its PID file describes it. */
  public record Entry(String name, long pid, boolean alive) {}

  /**
   * Starts {@code command} detached. {@code environment} adds variables; a null value removes one.
   *
   * @return the PID
   * @throws IllegalStateException when a process of that name is already running
   */
  public long start(String name, List<String> command, Map<String, String> environment) {
    if (isRunning(name)) {
      throw new IllegalStateException(name + " is already running");
    }
    List<String> argv = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      argv.add(SETSID.toString()); // not a group leader, so setsid execs in place: same PID
    }
    argv.addAll(command);
    ProcessBuilder builder = redirected(name, argv);
    environment.forEach((key, value) -> {
      if (value == null) {
        builder.environment().remove(key);
      } else {
        builder.environment().put(key, value);
      }
    });
    try {
      Process process = builder.start();
      writePidFile(name, process.toHandle());
      LOG.debug("started {} as PID {}: {}", name, process.pid(), command);
      return process.pid();
    } catch (IOException e) {
      throw new UncheckedIOException("start " + name + " (" + command.get(0) + ")", e);
    }
  }

  /**
   * Starts a wrapper that runs the program as its only child and waits for it (bubblewrap), and
   * supervises that child: the PID file names it, so a stop's SIGTERM and a test's SIGKILL reach
   * the program itself (bubblewrap would die of them and orphan it), and the wrapper exits with it.
   * When no child appears (the wrapper failed), the wrapper's own PID stays, already dead.
   *
   * @return the PID the file names
   */
  public long startWrapped(String name, List<String> command, Map<String, String> environment) {
    long wrapper = start(name, command, environment);
    Optional<ProcessHandle> child = awaitOnlyChild(wrapper);
    if (child.isEmpty()) {
      return wrapper;
    }
    try {
      writePidFile(name, child.get());
    } catch (IOException e) {
      throw new UncheckedIOException("record the child of " + name, e);
    }
    LOG.debug("{} runs as PID {}, the child of wrapper {}", name, child.get().pid(), wrapper);
    return child.get().pid();
  }

  private static Optional<ProcessHandle> awaitOnlyChild(long pid) {
    long until = System.nanoTime() + CHILD_WAIT.toNanos();
    try {
      while (System.nanoTime() < until) {
        Optional<ProcessHandle> wrapper = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
        if (wrapper.isEmpty()) {
          return Optional.empty();
        }
        Optional<ProcessHandle> child = wrapper.get().children().findFirst();
        if (child.isPresent()) {
          return child;
        }
        Thread.sleep(EXIT_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return Optional.empty();
  }

  private void writePidFile(String name, ProcessHandle process) throws IOException {
    // No start time means it is gone already; -1 then marks the PID as never ours.
    long started = process.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    Path pidFile = pidFile(name);
    Files.createDirectories(pidFile.getParent());
    Path temp = pidFile.resolveSibling(pidFile.getFileName() + ".tmp");
    Files.writeString(temp, process.pid() + "\n" + started + "\n");
    Files.move(temp, pidFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  public long start(String name, List<String> command) {
    return start(name, command, Map.of());
  }

  /**
   * Runs a command to completion with its output in the same log file.
   *
   * @return the exit code
   * @throws UncheckedIOException when it cannot start or does not finish within {@code timeout}
   */
  public int run(String name, List<String> command, Duration timeout) {
    try {
      Process process = redirected(name, command).start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new UncheckedIOException(
            new IOException(name + " did not finish within " + timeout.toSeconds() + " s"));
      }
      return process.exitValue();
    } catch (IOException e) {
      throw new UncheckedIOException("run " + name + " (" + command.get(0) + ")", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new IOException("interrupted while running " + name));
    }
  }

  public boolean isRunning(String name) {
    return handle(pidFile(name)).isPresent();
  }

  /** Every process with a PID file under the run directory, alive or not. */
  public List<Entry> list() {
    if (!Files.isDirectory(runDir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(runDir)) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".pid") && Files.isRegularFile(f))
          .sorted()
          .map(this::entry)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException("list " + runDir, e);
    }
  }

  /**
   * Stops the named processes together, each with its whole session (whatever it spawned that did
   * not detach): SIGTERM to all, up to {@code grace} for them to exit, then SIGKILL to the rest and
   * to whatever joined their sessions meanwhile. Returns once all are gone; removes their PID
   * files.
   */
  public void stop(Collection<String> names, Duration grace) {
    Set<ProcessHandle> targets = new LinkedHashSet<>();
    List<Long> sessions = new ArrayList<>();
    for (String name : names) {
      Optional<ProcessHandle> leader = handle(pidFile(name));
      if (leader.isEmpty()) {
        continue;
      }
      LOG.debug("stopping {} (PID {})", name, leader.get().pid());
      targets.add(leader.get());
      if (Sessions.leadsSession(leader.get())) {
        sessions.add(leader.get().pid());
        targets.addAll(Sessions.members(leader.get().pid()));
      }
    }
    // when each SIGTERM went out, so a warning can say how long a process really outlived it
    Map<ProcessHandle, Instant> signalled = new LinkedHashMap<>();
    for (ProcessHandle h : targets) {
      if (h.destroy()) {
        signalled.put(h, Instant.now());
      }
    }
    Instant deadline = Instant.now().plus(grace);
    targets.forEach(h -> awaitExit(h, Duration.between(Instant.now(), deadline)));
    Set<ProcessHandle> stubborn = new LinkedHashSet<>();
    targets.stream().filter(Sessions::running).forEach(stubborn::add);
    // members spawned after the SIGTERM (by a process on its way out) never received it
    sessions.forEach(session -> stubborn.addAll(Sessions.members(session)));
    for (ProcessHandle h : stubborn) {
      LOG.warn("{}", killWarning(h.pid(), Optional.ofNullable(signalled.get(h)), Instant.now()));
      h.destroyForcibly();
    }
    stubborn.forEach(h -> awaitExit(h, KILL_WAIT));
    for (String name : names) {
      try {
        Files.deleteIfExists(pidFile(name));
      } catch (IOException e) {
        throw new UncheckedIOException("remove PID file of " + name, e);
      }
    }
  }

  /** Why a process is about to get SIGKILL, saying only what is known about its SIGTERM. */
  static String killWarning(long pid, Optional<Instant> signalled, Instant now) {
    if (signalled.isEmpty()) {
      return "PID "
          + pid
          + " was not sent SIGTERM (it joined a stopping session, or the signal failed); killing it";
    }
    double seconds = Duration.between(signalled.get(), now).toMillis() / 1000.0;
    return String.format(
        Locale.ROOT, "PID %d outlived SIGTERM by %.1f s; killing it", pid, seconds);
  }

  public Path logFile(String name) {
    return logDir.resolve(name + ".out");
  }

  public Path pidFile(String name) {
    return runDir.resolve(name + ".pid");
  }

  private ProcessBuilder redirected(String name, List<String> argv) {
    Path log = logFile(name);
    try {
      Files.createDirectories(log.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException("create " + log.getParent(), e);
    }
    return new ProcessBuilder(argv)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .redirectErrorStream(true);
  }

  private Entry entry(Path pidFile) {
    String file = runDir.relativize(pidFile).toString();
    String name = file.substring(0, file.length() - ".pid".length());
    Optional<ProcessHandle> handle = handle(pidFile);
    long pid = handle.map(ProcessHandle::pid).orElseGet(() -> readPid(pidFile).orElse(-1L));
    return new Entry(name, pid, handle.isPresent());
  }

  /** The live process a PID file names, if it is still the process that was started. */
  private static Optional<ProcessHandle> handle(Path pidFile) {
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines;
    Instant written;
    try {
      lines = Files.readAllLines(pidFile, StandardCharsets.UTF_8);
      written = Files.getLastModifiedTime(pidFile).toInstant();
    } catch (IOException e) {
      return Optional.empty();
    }
    Optional<ProcessHandle> handle =
        readPid(lines).flatMap(ProcessHandle::of).filter(ProcessHandle::isAlive);
    if (handle.isEmpty()) {
      return handle;
    }
    // A start time /proc does not show cannot be checked; one that differs is another process.
    Optional<Instant> actual = handle.get().info().startInstant();
    boolean same;
    if (lines.size() < 2) {
      // A plain PID file (written by another tool): its process cannot have started after it.
      same = actual.isEmpty() || !actual.get().isAfter(written.plus(SAME_START));
    } else {
      try {
        long recorded = Long.parseLong(lines.get(1).strip());
        same =
            recorded >= 0
                && (actual.isEmpty()
                    || Math.abs(actual.get().toEpochMilli() - recorded) < SAME_START.toMillis());
      } catch (NumberFormatException e) {
        same = false; // cannot tell whether it is still ours: never signal it
      }
    }
    return same ? handle : Optional.empty();
  }

  private static Optional<Long> readPid(Path pidFile) {
    try {
      return readPid(Files.readAllLines(pidFile, StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  private static Optional<Long> readPid(List<String> lines) {
    try {
      return lines.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(lines.get(0).strip()));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /**
   * Polls rather than using onExit(), which for a process that is not our child (one started by an
   * earlier JVM) checks with a backoff and notices an exit up to seconds late.
   */
  private static void awaitExit(ProcessHandle handle, Duration wait) {
    long until = System.nanoTime() + Math.max(0, wait.toNanos());
    try {
      while (Sessions.running(handle) && System.nanoTime() < until) {
        Thread.sleep(EXIT_POLL.toMillis());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
