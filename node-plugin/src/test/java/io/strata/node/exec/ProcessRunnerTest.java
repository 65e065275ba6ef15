package io.strata.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Runs small real programs: no shell is involved anywhere. */
class ProcessRunnerTest {
  private final ProcessRunner runner = new ProcessRunner();

  @Test
  void capturesStdoutAndExitCode() {
    CommandResult r = runner.run(Command.of("echo", "a b", "$HOME", ";", "c"));
    assertEquals(0, r.exitCode());
    assertEquals("a b $HOME ; c\n", r.stdout()); // arguments reach the program verbatim
  }

  @Test
  void capturesStderrOfAFailure() {
    CommandResult r = runner.run(Command.of("ls", "/definitely/not/here"));
    assertTrue(r.exitCode() != 0);
    assertTrue(r.stderr().contains("No such file"), r.stderr());
    CommandException e =
        assertThrows(
            CommandException.class, () -> runner.check(Command.of("ls", "/definitely/not/here")));
    assertTrue(e.getMessage().startsWith("`ls /definitely/not/here` exited 2: "), e.getMessage());
  }

  @Test
  void feedsStdinAndEnvironmentAndTheCLocale() {
    assertEquals("secret", runner.check(Command.of("cat").stdin("secret")).stdout());
    assertEquals("C\n", runner.check(Command.of("printenv", "LC_ALL")).stdout());
    assertEquals(
        "v\n", runner.check(Command.of("printenv", "STRATA_T").env("STRATA_T", "v")).stdout());
  }

  @Test
  void stdinIsEmptyWhenNoneIsGiven() {
    assertEquals("", runner.check(Command.of("cat")).stdout());
  }

  @Test
  void killsACommandThatOutlivesItsTimeout() {
    long started = System.nanoTime();
    CommandException e =
        assertThrows(
            CommandException.class,
            () -> runner.run(Command.of("sleep", "30").timeout(Duration.ofMillis(300))));
    assertTrue(e.getMessage().contains("timed out after 300 ms"), e.getMessage());
    assertTrue(System.nanoTime() - started < 10_000_000_000L);
  }

  @Test
  void reportsAProgramThatDoesNotExist() {
    CommandException e =
        assertThrows(CommandException.class, () -> runner.run(Command.of("/no/such/tool", "x")));
    assertTrue(e.getMessage().startsWith("`/no/such/tool x` could not be started"));
    assertFalse(e.getMessage().isEmpty());
  }
}
