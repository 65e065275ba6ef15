package io.strata.cli.bench;

import java.util.List;

/**
 * One scenario on one target.
 *
 * @param rssAfter resident memory of each --plugin-pid right after the run
 */
record RunReport(
    String scenario,
    String target,
    int count,
    int concurrency,
    double elapsedSeconds,
    List<RpcSummary> rpcs,
    List<RssSample> rssAfter) {

  RunReport {
    rpcs = List.copyOf(rpcs);
    rssAfter = List.copyOf(rssAfter);
  }

  long errorCount() {
    return rpcs.stream().mapToLong(RpcSummary::errorCount).sum();
  }
}
