package io.strata.csi.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MonitorAddressTest {
  @ParameterizedTest
  @CsvSource({
    "127.0.0.1:6789, 127.0.0.1, 6789",
    "127.0.0.1, 127.0.0.1, 6789",
    "v2:127.0.0.1:3300, 127.0.0.1, 3300",
    "[v2:127.0.0.1:3300/0], 127.0.0.1, 3300",
    "v1:127.0.0.1:6789/0, 127.0.0.1, 6789",
    "'[::1]:3300', 0:0:0:0:0:0:0:1, 3300",
  })
  void readsTheFormsMonHostAccepts(String address, String host, int port) {
    InetSocketAddress parsed = MonitorAddress.parse(address).orElseThrow();
    assertEquals(host, parsed.getAddress().getHostAddress());
    assertEquals(port, parsed.getPort());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "127.0.0.1:port"})
  void rejectsNonsense(String address) {
    assertTrue(MonitorAddress.parse(address).isEmpty());
  }
}
