package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KeyringTest {
  private static final String KEY = "AQBuJgZru+lVABAAP0Wxwofzzrxy/mUkPss6NQ==";

  @Test
  void rendersEntityKeyAndSortedCaps() {
    Keyring keyring =
        Keyring.of(
            new Keyring.Entry("mon.", KEY, Map.of("mon", "allow *")),
            new Keyring.Entry("osd.0", KEY, Map.of("osd", "allow *", "mgr", "allow profile osd")));

    assertEquals(
        """
        [mon.]
        \tkey = AQBuJgZru+lVABAAP0Wxwofzzrxy/mUkPss6NQ==
        \tcaps mon = "allow *"
        [osd.0]
        \tkey = AQBuJgZru+lVABAAP0Wxwofzzrxy/mUkPss6NQ==
        \tcaps mgr = "allow profile osd"
        \tcaps osd = "allow *"
        """,
        keyring.render());
  }

  @Test
  void parsesWhatItRenders() {
    Keyring keyring =
        Keyring.of(
            new Keyring.Entry("client.admin", KEY, Map.of("mon", "allow *", "mds", "allow *")),
            new Keyring.Entry("mgr.x", KEY, Map.of()));
    assertEquals(keyring, Keyring.parse(keyring.render()));
  }

  @Test
  void parsesAuthtoolOutput() {
    String text = "[client.admin]\n        key = " + KEY + "\n        caps mon = \"allow *\"\n";
    Keyring keyring = Keyring.parse(text);
    assertEquals(Optional.of(KEY), keyring.keyOf("client.admin"));
    assertEquals(Map.of("mon", "allow *"), keyring.entries().get(0).caps());
    assertEquals(Optional.empty(), keyring.keyOf("client.other"));
  }

  @Test
  void toStringHidesKeys() {
    Keyring keyring = Keyring.of(new Keyring.Entry("mon.", KEY, Map.of("mon", "allow *")));
    assertFalse(keyring.toString().contains(KEY));
    assertTrue(keyring.toString().contains("mon."));
  }
}
