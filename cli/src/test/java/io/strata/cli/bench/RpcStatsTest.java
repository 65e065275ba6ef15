package io.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RpcStatsTest {
  @Test
  void percentilesOfOneToHundredMillis() {
    RpcStats stats = new RpcStats();
    for (int ms = 100; ms >= 1; ms--) {
      stats.succeeded(Duration.ofMillis(ms).toNanos());
    }
    stats.failed("INTERNAL");
    stats.failed("INTERNAL");
    stats.failed("ABORTED");
    stats.retried();

    RpcSummary row = stats.summary("CreateVolume", Duration.ofSeconds(4));
    assertEquals(100, row.ok());
    assertEquals(50.0, row.p50Ms(), 0.1);
    assertEquals(90.0, row.p90Ms(), 0.1);
    assertEquals(99.0, row.p99Ms(), 0.1);
    assertEquals(100.0, row.maxMs(), 0.1);
    assertEquals(25.0, row.opsPerSecond(), 1e-9);
    assertEquals(Map.of("INTERNAL", 2L, "ABORTED", 1L), row.errors());
    assertEquals(3, row.errorCount());
    assertEquals(1, row.retries());
  }

  @Test
  void noSuccessMeansZeroesNotGarbage() {
    RpcStats stats = new RpcStats();
    stats.failed("UNAVAILABLE");
    RpcSummary row = stats.summary("DeleteVolume", Duration.ZERO);
    assertEquals(0, row.ok());
    assertEquals(0.0, row.p50Ms());
    assertEquals(0.0, row.maxMs());
    assertEquals(0.0, row.opsPerSecond());
  }
}
