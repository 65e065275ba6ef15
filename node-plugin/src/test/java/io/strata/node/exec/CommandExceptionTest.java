package io.strata.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class CommandExceptionTest {
  private static final String KEY = "AQBx5ilnAAAAABAAkqNWBx+Xn0iWx5ZIVkCeHw==";

  @Test
  void namesTheCommandExitCodeAndStderrWithoutTheKey() {
    Command c = Command.of("rbd", "map", "rbd/img", "--keyfile", "/run/k").redacting(KEY);
    CommandResult r =
        new CommandResult(
            c,
            22,
            "",
            "\n2024 -1 auth: failed to decode key '" + KEY + "'\nrbd: map failed\n",
            Duration.ZERO);
    CommandException e = assertThrows(CommandException.class, r::orThrow);
    assertEquals(
        "`rbd map rbd/img --keyfile /run/k` exited 22: 2024 -1 auth: failed to decode key"
            + " '<redacted>'; rbd: map failed",
        e.getMessage());
    assertEquals(22, e.exitCode());
    assertFalse(e.getMessage().contains(KEY));
  }

  @Test
  void fallsBackToStdoutWhenStderrIsEmpty() {
    CommandResult r = new CommandResult(Command.of("blkid"), 4, "usage\n", "", Duration.ZERO);
    assertEquals("`blkid` exited 4: usage", CommandException.failed(r).getMessage());
  }

  @Test
  void boundsLongOutputKeepingTheEnd() {
    String longErr = "x".repeat(5000) + "END";
    CommandResult r = new CommandResult(Command.of("t"), 1, "", longErr, Duration.ZERO);
    String message = CommandException.failed(r).getMessage();
    assertTrue(message.endsWith("END"));
    assertTrue(message.length() < 2100);
  }

  @Test
  void describesTimeoutsAndStartFailures() {
    Command c = Command.of("sleep", "9").redacting(KEY);
    assertEquals(
        "`sleep 9` timed out after 1500 ms",
        CommandException.timedOut(c, Duration.ofMillis(1500), "").getMessage());
    CommandException e = CommandException.notStarted(c, new IOException("no " + KEY));
    assertEquals("`sleep 9` could not be started: no <redacted>", e.getMessage());
    assertEquals(CommandException.NO_EXIT_CODE, e.exitCode());
  }
}
