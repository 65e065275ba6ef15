package io.strata.operator.bootstrap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Where the bootstrap's files and processes live: local processes in a directory, or (later) pods
 * with their volumes. {@link CephBootstrap} decides what to run and in which order; a runtime only
 * knows how.
 */
public interface CephRuntime {
  /** Creates directories (and parents) that daemons expect to exist. */
  void createDirectories(List<Path> directories);

  /** Writes a file, replacing any old content. A secret (keyring) is readable by its owner only. */
  void writeFile(Path file, String content, boolean secret);

  /**
   * Runs a one-shot command to completion (monmaptool, --mkfs).
   *
   * @throws BootstrapException when it fails or outlives {@code timeout}
   */
  void run(String name, List<String> command, Duration timeout);

  /** Starts a long-running daemon in the background; returns once it is launched. */
  void start(Daemon daemon, List<String> command);

  boolean isRunning(Daemon daemon);

  /** Where to look when a daemon failed, for error messages: a log path, its last lines. */
  String diagnose(Daemon daemon);
}
