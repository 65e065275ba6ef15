package io.strata.csi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EndpointTest {
  @Test
  void parsesUnixUriAndBarePathToTheSameSocket() {
    assertEquals(
        new Endpoint.Unix(Path.of("/csi/csi.sock")), Endpoint.parse("unix:///csi/csi.sock"));
    assertEquals(new Endpoint.Unix(Path.of("/csi/csi.sock")), Endpoint.parse("unix:/csi/csi.sock"));
    assertEquals(new Endpoint.Unix(Path.of("/csi/csi.sock")), Endpoint.parse("/csi/csi.sock"));
  }

  @Test
  void parsesTcpForDebugging() {
    assertEquals(new Endpoint.Tcp("127.0.0.1", 10000), Endpoint.parse("tcp://127.0.0.1:10000"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "unix://", "http://x:1", "tcp://nohost"})
  void rejectsWhatCannotBeServed(String value) {
    assertThrows(IllegalArgumentException.class, () -> Endpoint.parse(value));
  }

  @Test
  void removesAStaleSocketBeforeBindingAndOnCleanup(@TempDir Path dir) throws Exception {
    Path socket = dir.resolve("sub/csi.sock");
    Files.createDirectories(socket.getParent());
    Files.writeString(socket, "left by a killed plugin");
    Endpoint endpoint = Endpoint.parse("unix://" + socket);

    endpoint.bindAddress();
    assertFalse(Files.exists(socket));

    Files.writeString(socket, "x");
    endpoint.cleanup();
    endpoint.cleanup();
    assertFalse(Files.exists(socket));
  }
}
