package io.strata.csi.identity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A monitor is recognised by the banner it sends first; anything else is not a monitor. */
class MonitorReachabilityTest {
  @Test
  void readyOnlyWhenAMonitorBannerAnswers() throws Exception {
    try (ServerSocket monitor = banner("ceph v027");
        ServerSocket web = banner("HTTP/1.1 200")) {
      assertTrue(reachability(monitor.getLocalPort()).notReadyReason().isEmpty());
      String reason = reachability(web.getLocalPort()).notReadyReason().orElseThrow();
      assertTrue(reason.contains("no Ceph monitor answers for cluster(s) [c1"), reason);
    }
  }

  @Test
  void notReadyWhenNothingListens() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    assertFalse(reachability(closedPort).notReadyReason().isEmpty());
  }

  @Test
  void notReadyWithoutClusters() {
    var none = new MonitorReachability(new ClusterConfigs(List.of()), Duration.ofSeconds(1));
    assertEquals("the cluster config lists no clusters", none.notReadyReason().orElseThrow());
  }

  private static MonitorReachability reachability(int port) {
    ClusterConfig cluster = new ClusterConfig("c1", List.of("127.0.0.1:" + port), null, null);
    return new MonitorReachability(new ClusterConfigs(List.of(cluster)), Duration.ofSeconds(2));
  }

  /** A one-thread server that greets each connection with {@code greeting}. */
  private static ServerSocket banner(String greeting) throws IOException {
    ServerSocket server = new ServerSocket(0, 8, InetAddress.getLoopbackAddress());
    Thread thread =
        new Thread(() -> {
          while (!server.isClosed()) {
            try (Socket client = server.accept()) {
              client.getOutputStream().write(greeting.getBytes(StandardCharsets.US_ASCII));
            } catch (IOException closed) {
              return;
            }
          }
        });
    thread.setDaemon(true);
    thread.start();
    return server;
  }
}
