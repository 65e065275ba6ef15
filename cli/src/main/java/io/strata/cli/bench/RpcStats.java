package io.strata.cli.bench;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Latencies of one RPC's successful calls (microseconds, 3 significant digits, up to an hour) and
 * its failures counted by code. Thread-safe: every worker of a run records into the same one.
 */
final class RpcStats {
  private static final long MAX_MICROS = TimeUnit.HOURS.toMicros(1);

  private final Histogram micros = new Histogram(MAX_MICROS, 3);
  private final Map<String, Long> errors = new TreeMap<>();
  private long retries;

  synchronized void succeeded(long nanos) {
    micros.recordValue(Math.min(MAX_MICROS, Math.max(1, nanos / 1_000)));
  }

  synchronized void failed(String code) {
    errors.merge(code, 1L, Long::sum);
  }

  synchronized void retried() {
    retries++;
  }

  /**
   * @param elapsed the run's wall-clock time, which ops/s divides by
   */
  synchronized RpcSummary summary(String rpc, Duration elapsed) {
    long ok = micros.getTotalCount();
    double seconds = elapsed.toNanos() / 1e9;
    return new RpcSummary(
        rpc,
        ok,
        errors,
        retries,
        millis(50),
        millis(90),
        millis(99),
        ok == 0 ? 0 : micros.getMaxValue() / 1_000.0,
        seconds > 0 ? ok / seconds : 0);
  }

  private double millis(double percentile) {
    return micros.getTotalCount() == 0 ? 0 : micros.getValueAtPercentile(percentile) / 1_000.0;
  }
}
