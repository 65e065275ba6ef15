package io.strata.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandTest {
  @Test
  void displaysTheArgumentsQuotingOnlyWhatNeedsIt() {
    Command c = Command.of("mount", "-o", "ro,bind", "/a b", "it's", "");
    assertEquals("mount -o ro,bind '/a b' 'it'\\''s' ''", c.display());
  }

  @Test
  void redactsSecretsFromTextAndTheCommandLine() {
    Command c = Command.of("tool", "--name", "SECRETKEY==").redacting("SECRETKEY==");
    assertEquals("tool --name <redacted>", c.display());
    assertEquals("bad key '<redacted>'", c.redact("bad key 'SECRETKEY=='"));
    assertEquals("", c.redact(null));
  }

  @Test
  void ignoresEmptySecretsAndKeepsSettingsWhenChained() {
    Command c =
        Command.of("cat")
            .redacting("")
            .redacting(null)
            .stdin("in")
            .env("A", "1")
            .timeout(Duration.ofSeconds(3));
    assertTrue(c.secrets().isEmpty());
    assertEquals("in", c.stdin());
    assertEquals("1", c.environment().get("A"));
    assertEquals(Duration.ofSeconds(3), c.timeout());
    assertEquals(List.of("cat"), c.argv());
  }

  @Test
  void needsAProgram() {
    assertThrows(IllegalArgumentException.class, () -> Command.of(List.of()));
    assertThrows(IllegalArgumentException.class, () -> Command.of(" "));
  }

  @Test
  void toStringNeverShowsASecret() {
    Command c = Command.of("rbd", "map", "x").redacting("map");
    assertFalse(c.toString().contains("map"));
  }
}
