package io.strata.csi.identity;

import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Ready when every configured cluster has a monitor that answers with a Ceph messenger banner.
 * Probe carries no credentials, so reachability is all it can honestly check; it costs one
 * loopback-or-LAN TCP handshake per cluster.
 */
public final class MonitorReachability implements Readiness {
  private static final byte[] BANNER = "ceph v".getBytes(StandardCharsets.US_ASCII);

  private final ClusterConfigs clusters;
  private final Duration timeout;

  public MonitorReachability(ClusterConfigs clusters, Duration timeout) {
    this.clusters = clusters;
    this.timeout = timeout;
  }

  @Override
  public Optional<String> notReadyReason() {
    if (clusters.all().isEmpty()) {
      return Optional.of("the cluster config lists no clusters");
    }
    List<String> unreachable = new ArrayList<>();
    for (ClusterConfig cluster : clusters.all()) {
      if (cluster.monitors().stream().noneMatch(this::answersAsMonitor)) {
        unreachable.add(cluster.clusterId() + " " + cluster.monitors());
      }
    }
    return unreachable.isEmpty()
        ? Optional.empty()
        : Optional.of("no Ceph monitor answers for cluster(s) " + unreachable);
  }

  boolean answersAsMonitor(String address) {
    Optional<InetSocketAddress> socketAddress = MonitorAddress.parse(address);
    if (socketAddress.isEmpty()) {
      return false;
    }
    int millis = (int) timeout.toMillis();
    try (Socket socket = new Socket()) {
      socket.connect(socketAddress.get(), millis);
      socket.setSoTimeout(millis);
      InputStream in = socket.getInputStream();
      byte[] banner = in.readNBytes(BANNER.length);
      return java.util.Arrays.equals(banner, BANNER);
    } catch (IOException e) {
      return false;
    }
  }
}
