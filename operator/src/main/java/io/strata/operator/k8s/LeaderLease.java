package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether some replica holds the operator's Lease, for /healthz. Leader election fails quietly when
 * the account may not renew the Lease: the leader exits, every replica then waits for a leadership
 * it can never take, and their informers stay healthy. A Lease nobody renewed in two lease
 * durations (or none taken that long after start) means no replica reconciles.
 */
public final class LeaderLease {
  private static final String RIGHTS =
      "the operator's account must be allowed get, create and patch on leases";

  private final KubernetesClient client;
  private final String namespace;
  private final String name;
  private final Duration leaseDuration;
  private final Clock clock;
  private final Instant started;

  public LeaderLease(
      KubernetesClient client, String namespace, String name, Duration leaseDuration, Clock clock) {
    this.client = client;
    this.namespace = namespace;
    this.name = name;
    this.leaseDuration = leaseDuration;
    this.clock = clock;
    this.started = clock.instant();
  }

  /** Empty while a replica holds the Lease, else why none does. */
  public Optional<String> problem() {
    Lease lease;
    try {
      lease = client.resources(Lease.class).inNamespace(namespace).withName(name).get();
    } catch (KubernetesClientException e) {
      return Optional.of("cannot read Lease " + where() + " (HTTP " + e.getCode() + "); " + RIGHTS);
    }
    Duration grace = leaseDuration.multipliedBy(2);
    Instant now = clock.instant();
    if (lease == null || lease.getSpec() == null || lease.getSpec().getRenewTime() == null) {
      Duration waited = Duration.between(started, now);
      return waited.compareTo(grace) > 0
          ? Optional.of(
              "no replica took Lease " + where() + " in " + waited.toSeconds() + " s; " + RIGHTS)
          : Optional.empty();
    }
    Duration since = Duration.between(lease.getSpec().getRenewTime().toInstant(), now);
    if (since.compareTo(grace) > 0 && Duration.between(started, now).compareTo(grace) > 0) {
      return Optional.of(
          "Lease "
              + where()
              + " held by "
              + lease.getSpec().getHolderIdentity()
              + " was last renewed "
              + since.toSeconds()
              + " s ago, so no replica reconciles; "
              + RIGHTS);
    }
    return Optional.empty();
  }

  private String where() {
    return namespace + "/" + name;
  }
}
