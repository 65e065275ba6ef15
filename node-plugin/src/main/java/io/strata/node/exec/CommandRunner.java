package io.strata.node.exec;

/**
 * Runs external tools. Every tool the node plugin uses goes through this interface, so tests can
 * check the exact argument lists and feed back recorded output.
 */
public interface CommandRunner {

  /**
   * Runs a command to completion and returns its exit code and output, whatever the exit code.
   *
   * @throws CommandException when it cannot be started or exceeds its time limit
   */
  CommandResult run(Command command);

  /** Runs a command and insists on exit code 0. */
  default CommandResult check(Command command) {
    return run(command).orThrow();
  }
}
