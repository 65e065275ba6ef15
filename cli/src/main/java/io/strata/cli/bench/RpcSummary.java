package io.strata.cli.bench;

import java.util.Map;

/**
 * One row of a report: how one RPC fared in one run.
 *
 * @param ok calls that succeeded, the only ones in the latency figures
 * @param errors failed calls by gRPC code (or errno name for raw Ceph calls)
 * @param retries ABORTED answers the call was repeated after, as a CO does; their time counts
 * @param opsPerSecond successful calls per second of the run's wall-clock time
 */
record RpcSummary(
    String rpc,
    long ok,
    Map<String, Long> errors,
    long retries,
    double p50Ms,
    double p90Ms,
    double p99Ms,
    double maxMs,
    double opsPerSecond) {

  RpcSummary {
    errors = Map.copyOf(errors);
  }

  long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }
}
