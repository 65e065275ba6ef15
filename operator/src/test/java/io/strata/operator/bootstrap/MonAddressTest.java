package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class MonAddressTest {
  private final MonAddress address = new MonAddress("127.0.0.1", 23300, 26789);

  @Test
  void formatsBothProtocols() {
    assertEquals("[v2:127.0.0.1:23300,v1:127.0.0.1:26789]", address.addrvec());
    assertEquals("127.0.0.1:26789", address.v1());
    assertEquals("v2:127.0.0.1:23300", address.v2());
    assertEquals("127.0.0.1:23300", address.plainV2());
  }

  @Test
  void parsesItsAddrvecAndMonmapSpelling() {
    assertEquals(address, MonAddress.parseAddrvec(address.addrvec()));
    assertEquals(address, MonAddress.parseAddrvec("[v2:127.0.0.1:23300/0,v1:127.0.0.1:26789/0]"));
  }

  @Test
  void rejectsIncompleteOrInvalidAddresses() {
    assertThrows(IllegalArgumentException.class, () -> MonAddress.parseAddrvec("127.0.0.1:6789"));
    assertThrows(
        IllegalArgumentException.class, () -> MonAddress.parseAddrvec("[v2:127.0.0.1:3300]"));
    assertThrows(IllegalArgumentException.class, () -> new MonAddress("127.0.0.1", 6789, 6789));
    assertThrows(IllegalArgumentException.class, () -> new MonAddress("127.0.0.1", 0, 6789));
  }
}
