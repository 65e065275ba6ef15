package io.strata.ceph;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What it takes to reach a cluster as one cephx user. The key is a secret: {@link #toString()}
 * leaves it out, and equality uses it only so that a rotated key opens a new connection.
 *
 * @param monitors monitor addresses as Ceph's mon_host accepts them ("127.0.0.1:6789")
 * @param user cephx user id without the "client." prefix ("admin", "csi-rbd-provisioner")
 * @param key the base64 cephx secret
 * @param timeout bound for mount, mon and osd operations so a sick cluster never hangs a call
 */
public record ConnectionSpec(List<String> monitors, String user, String key, Duration timeout) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

  public ConnectionSpec {
    monitors = List.copyOf(monitors);
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(timeout, "timeout");
    if (monitors.isEmpty()) {
      throw new IllegalArgumentException("at least one monitor address is required");
    }
  }

  public ConnectionSpec(List<String> monitors, String user, String key) {
    this(monitors, user, key, DEFAULT_TIMEOUT);
  }

  public String monHost() {
    return String.join(",", monitors);
  }

  @Override
  public String toString() {
    return "ConnectionSpec[monitors=" + monitors + ", user=" + user + ", timeout=" + timeout + "]";
  }
}
