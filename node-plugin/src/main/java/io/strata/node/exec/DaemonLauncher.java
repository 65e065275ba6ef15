package io.strata.node.exec;

import java.nio.file.Path;

/** Starts a long-lived daemon detached from the caller and returns its pid. */
public interface DaemonLauncher {
  /**
   * @param logFile the daemon's output is appended here (created private when missing)
   * @throws CommandException when the daemon cannot be started
   */
  long launch(Command command, Path logFile);
}
