package io.strata.cli.bench;

import java.util.List;

/**
 * Everything one {@code strata bench} invocation measured.
 *
 * @param runId the tag in every name the run created
 * @param rssBefore resident memory of each --plugin-pid before the first run
 * @param leaks what cleanup could not remove; empty when the run left nothing behind
 */
record BenchReport(
    String runId,
    List<RssSample> rssBefore,
    List<RunReport> runs,
    List<Comparison> comparisons,
    List<Ledger.Leak> leaks) {

  BenchReport {
    rssBefore = List.copyOf(rssBefore);
    runs = List.copyOf(runs);
    comparisons = List.copyOf(comparisons);
    leaks = List.copyOf(leaks);
  }

  /** 0 when all went well, 1 when calls failed, 2 when something was left behind. */
  int exitCode() {
    if (!leaks.isEmpty()) {
      return 2;
    }
    return runs.stream().anyMatch(r -> r.errorCount() > 0) ? 1 : 0;
  }
}
