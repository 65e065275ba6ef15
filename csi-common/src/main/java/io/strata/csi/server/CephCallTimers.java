package io.strata.csi.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.strata.ceph.CephCallObserver;
import java.util.concurrent.TimeUnit;

/**
 * Ceph call latency as {@code ceph_call_seconds{target, operation, result}}: beside the per-RPC
 * latency it shows how much of a slow call was Ceph's.
 */
public final class CephCallTimers implements CephCallObserver {
  private final MeterRegistry registry;

  public CephCallTimers(MeterRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void completed(String target, String operation, long nanos, boolean ok) {
    Timer.builder("ceph.call")
        .description("Ceph calls (mon and mgr commands, librbd operations) by operation")
        .tag("target", target)
        .tag("operation", operation)
        .tag("result", ok ? "ok" : "error")
        .serviceLevelObjectives(CallMetrics.BUCKETS)
        .register(registry)
        .record(nanos, TimeUnit.NANOSECONDS);
  }
}
