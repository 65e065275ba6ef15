package io.strata.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;

@EnableKubernetesMockClient(crud = true)
class LeaderLeaseTest {
  private static final Duration LEASE = Duration.ofSeconds(15);
  private static final Instant START = Instant.parse("2026-12-02T00:00:00Z");

  KubernetesClient client;

  /** A clock that reads START until moved. */
  private static final class MovableClock extends Clock {
    private Instant now = START;

    @Override
    public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  /** The health a replica started at START reports at {@code now}. */
  private Optional<String> problemAt(Instant now) {
    MovableClock clock = new MovableClock();
    LeaderLease lease = new LeaderLease(client, "strata", "strata-operator", LEASE, clock);
    clock.now = now;
    return lease.problem();
  }

  private void renewedAt(Instant renewed) {
    Lease lease =
        new LeaseBuilder()
            .withNewMetadata()
            .withNamespace("strata")
            .withName("strata-operator")
            .endMetadata()
            .withNewSpec()
            .withHolderIdentity("strata-operator-7d9f-abcde")
            .withRenewTime(ZonedDateTime.ofInstant(renewed, ZoneOffset.UTC))
            .endSpec()
            .build();
    client.resource(lease).createOr(r -> r.update());
  }

  @Test
  void noLeaseIsFineWhileTheReplicasStillElect() {
    assertEquals(Optional.empty(), problemAt(START.plusSeconds(20)));
  }

  @Test
  void noLeaseTwoLeaseDurationsAfterStartSaysNoReplicaTookIt() {
    Optional<String> problem = problemAt(START.plusSeconds(31));
    assertTrue(problem.orElseThrow().contains("no replica took Lease strata/strata-operator"));
    assertTrue(problem.get().contains("patch on leases"), problem.get());
  }

  @Test
  void aLeaseRenewedRecentlyIsFine() {
    renewedAt(START.plusSeconds(50));
    assertEquals(Optional.empty(), problemAt(START.plusSeconds(60)));
  }

  @Test
  void aLeaseNobodyRenewsNamesItsLastHolder() {
    renewedAt(START.plusSeconds(10));
    Optional<String> problem = problemAt(START.plusSeconds(60));
    assertTrue(
        problem.orElseThrow().contains("held by strata-operator-7d9f-abcde was last renewed 50 s"),
        problem.orElse(""));
  }
}
