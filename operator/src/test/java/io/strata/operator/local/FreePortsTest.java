package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import org.junit.jupiter.api.Test;

class FreePortsTest {
  @Test
  void picksDistinctBindablePortsBelowTheEphemeralRange() throws Exception {
    InetAddress loopback = InetAddress.getByName("127.0.0.1");
    List<Integer> ports = new FreePorts(loopback).pick(2);

    assertEquals(2, ports.size());
    assertNotEquals(ports.get(0), ports.get(1));
    for (int port : ports) {
      assertTrue(port >= 10000 && port < FreePorts.ephemeralLow(), "port " + port);
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new InetSocketAddress(loopback, port));
      }
    }
  }

  @Test
  void readsTheKernelsEphemeralRange() {
    assertTrue(FreePorts.ephemeralLow() > 1024, "got " + FreePorts.ephemeralLow());
  }
}
