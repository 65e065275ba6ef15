package io.strata.node.exec;

import java.time.Duration;

/** What a finished command returned: its exit code and its captured output. */
public record CommandResult(
    Command command, int exitCode, String stdout, String stderr, Duration took) {

  public boolean succeeded() {
    return exitCode == 0;
  }

  /** This result when the command succeeded, else a {@link CommandException} naming it. */
  public CommandResult orThrow() {
    if (!succeeded()) {
      throw CommandException.failed(this);
    }
    return this;
  }

  @Override
  public String toString() {
    return "`" + command.display() + "` exited " + exitCode + " in " + took.toMillis() + " ms";
  }
}
