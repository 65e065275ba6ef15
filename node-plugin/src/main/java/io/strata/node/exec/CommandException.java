package io.strata.node.exec;

import java.time.Duration;

/**
 * An external tool failed, timed out or could not be started. The message names the command line
 * and the end of its stderr, with secret values already redacted, so it can go to a log or to the
 * CO as it is.
 */
public class CommandException extends RuntimeException {
  /** Exit code reported when the command never finished on its own. */
  public static final int NO_EXIT_CODE = -1;

  private static final int MAX_DETAIL = 2000;

  private final int exitCode;
  private final String stderr;

  private CommandException(String message, int exitCode, String stderr, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.stderr = stderr;
  }

  public static CommandException failed(CommandResult result) {
    Command command = result.command();
    String detail = tail(command.redact(result.stderr()));
    if (detail.isEmpty()) {
      detail = tail(command.redact(result.stdout()));
    }
    String message = "`" + command.display() + "` exited " + result.exitCode();
    return new CommandException(
        detail.isEmpty() ? message : message + ": " + detail, result.exitCode(), detail, null);
  }

  public static CommandException timedOut(Command command, Duration limit, String stderr) {
    String detail = tail(command.redact(stderr));
    String message = "`" + command.display() + "` timed out after " + limit.toMillis() + " ms";
    return new CommandException(
        detail.isEmpty() ? message : message + ": " + detail, NO_EXIT_CODE, detail, null);
  }

  public static CommandException notStarted(Command command, Exception cause) {
    String reason = command.redact(cause.getMessage());
    return new CommandException(
        "`" + command.display() + "` could not be started: " + reason, NO_EXIT_CODE, "", cause);
  }

  /** The tool's exit code, or {@link #NO_EXIT_CODE} when it timed out or never started. */
  public int exitCode() {
    return exitCode;
  }

  /** The end of the tool's stderr, redacted. */
  public String stderr() {
    return stderr;
  }

  /** The last lines of a tool's output, blank lines dropped, bounded for a status message. */
  static String tail(String text) {
    String compact =
        text.lines()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .reduce("", (a, b) -> a.isEmpty() ? b : a + "; " + b);
    return compact.length() <= MAX_DETAIL
        ? compact
        : "..." + compact.substring(compact.length() - MAX_DETAIL);
  }
}
