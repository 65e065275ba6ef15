package io.strata.csi.server;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

class CephCallTimersTest {
  @Test
  void recordsEachCallByTargetOperationAndResult() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    CephCallTimers timers = new CephCallTimers(registry);

    timers.completed("mon", "osd pool create", 2_000_000, true);
    timers.completed("mon", "osd pool create", 3_000_000, true);
    timers.completed("rbd", "create image", 5_000_000, false);

    String scrape = registry.scrape();
    assertTrue(
        scrape.contains(
            "ceph_call_seconds_count{operation=\"osd pool create\",result=\"ok\",target=\"mon\"} 2"),
        scrape);
    assertTrue(
        scrape.contains(
            "ceph_call_seconds_count{operation=\"create image\",result=\"error\",target=\"rbd\"} 1"),
        scrape);
  }
}
