package io.strata.operator.k8s;

import io.strata.ceph.ConnectionSpec;
import java.time.Duration;
import java.util.List;

/**
 * How the operator reaches a CephCluster as a user allowed to make pools, filesystems and users:
 * the monitors and cephx credentials. The key is a secret: {@link #toString()} leaves it out.
 */
public record CephEndpoint(List<String> monitors, String user, String key) {
  /** Operator calls must not tie up a reconcile thread for Ceph's 30 s default. */
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  public CephEndpoint {
    monitors = List.copyOf(monitors);
  }

  public ConnectionSpec connectionSpec() {
    return new ConnectionSpec(monitors, user, key, TIMEOUT);
  }

  @Override
  public String toString() {
    return "CephEndpoint[monitors=" + monitors + ", user=" + user + "]";
  }
}
