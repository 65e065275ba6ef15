package io.strata.operator.local;

import io.strata.ceph.CephRelease;
import io.strata.operator.bootstrap.BootstrapException;
import io.strata.operator.bootstrap.CephRuntime;
import io.strata.operator.bootstrap.Daemon;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs the bootstrap as local processes: files in the cluster directory, daemons supervised, the
 * Ceph programs from the host or from a {@link CephRoot}.
 */
final class LocalCephRuntime implements CephRuntime {
  private static final int TAIL_LINES = 15;
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);

  /** A developer's CEPH_ARGS or CEPH_CONF must not leak into the cluster's daemons. */
  private static final Map<String, String> ENVIRONMENT = unset("CEPH_ARGS", "CEPH_CONF");

  private final LocalProcesses processes;
  private final Optional<CephRoot> cephRoot;
  private final Path clusterDirectory;

  LocalCephRuntime(LocalProcesses processes, Optional<CephRoot> cephRoot, Path clusterDirectory) {
    this.processes = processes;
    this.cephRoot = cephRoot;
    this.clusterDirectory = clusterDirectory;
  }

  @Override
  public void createDirectories(List<Path> directories) {
    for (Path directory : directories) {
      try {
        Files.createDirectories(directory);
      } catch (IOException e) {
        throw new UncheckedIOException("create " + directory, e);
      }
    }
  }

  @Override
  public void writeFile(Path file, String content, boolean secret) {
    try {
      Files.createDirectories(file.getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.deleteIfExists(temp);
      if (secret) {
        Files.createFile(
            temp,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      Files.writeString(temp, content, StandardCharsets.UTF_8);
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("write " + file, e);
    }
  }

  @Override
  public void run(String name, List<String> command, Duration timeout) {
    String logName = name.replace(' ', '-');
    int exit;
    try {
      exit = processes.run(logName, inRoot(command), timeout);
    } catch (UncheckedIOException e) {
      throw new BootstrapException(name + " failed: " + e.getMessage(), e);
    }
    if (exit != 0) {
      throw new BootstrapException(
          name
              + " exited with "
              + exit
              + "; output in "
              + processes.logFile(logName)
              + tail(processes.logFile(logName)));
    }
  }

  /** The release of the Ceph daemons this runtime starts, as {@code ceph-mon --version} says. */
  CephRelease release() {
    String name = "ceph-version";
    run(name, List.of("ceph-mon", "--version"), VERSION_TIMEOUT);
    try {
      return CephRelease.parse(Files.readString(processes.logFile(name)));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + processes.logFile(name), e);
    } catch (IllegalArgumentException e) {
      throw new BootstrapException("ceph-mon --version: " + e.getMessage(), e);
    }
  }

  @Override
  public void start(Daemon daemon, List<String> command) {
    if (cephRoot.isPresent()) {
      processes.startWrapped(daemon.name(), inRoot(command), ENVIRONMENT);
    } else {
      processes.start(daemon.name(), command, ENVIRONMENT);
    }
  }

  @Override
  public boolean isRunning(Daemon daemon) {
    return processes.isRunning(daemon.name());
  }

  @Override
  public String diagnose(Daemon daemon) {
    Path out = processes.logFile(daemon.name());
    Path log = out.resolveSibling(daemon.name() + ".log");
    return "see " + log + " and " + out + tail(out);
  }

  private List<String> inRoot(List<String> command) {
    return cephRoot.map(root -> root.wrap(command, clusterDirectory)).orElse(command);
  }

  private static Map<String, String> unset(String... names) {
    Map<String, String> environment = new HashMap<>();
    for (String name : names) {
      environment.put(name, null); // LocalProcesses removes variables mapped to null
    }
    return Collections.unmodifiableMap(environment);
  }

  private static String tail(Path file) {
    try {
      List<String> lines =
          Files.readAllLines(file, StandardCharsets.UTF_8).stream()
              .filter(line -> !line.isBlank())
              .toList();
      List<String> last = lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size());
      return last.isEmpty() ? "" : "\n  " + String.join("\n  ", last);
    } catch (IOException | UncheckedIOException e) {
      return "";
    }
  }
}
