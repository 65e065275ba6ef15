package io.strata.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The human-readable report: a latency table per run, then ratios, memory and leftovers. */
final class ReportText {
  private static final String ROW = "  %-26s %7s %7s %9s %9s %9s %9s %8s\n";
  private static final String RATIO_ROW = "  %-26s %8s %8s %8s\n";

  private ReportText() {}

  static String format(BenchReport report) {
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "strata bench run %s\n", report.runId()));
    for (RunReport run : report.runs()) {
      out.append("\n").append(run(run));
    }
    for (Comparison comparison : report.comparisons()) {
      out.append("\n").append(comparison(comparison));
    }
    out.append("\n");
    if (!report.rssBefore().isEmpty()) {
      out.append("plugin RSS before: ").append(rss(report.rssBefore())).append("\n");
    }
    out.append(leaks(report.leaks()));
    return out.toString();
  }

  static String run(RunReport run) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s on %s: %d iterations, concurrency %d, %.2f s\n",
            run.scenario(),
            run.target(),
            run.count(),
            run.concurrency(),
            run.elapsedSeconds()));
    out.append(
        String.format(
            Locale.ROOT,
            ROW,
            "rpc",
            "ok",
            "errors",
            "p50 ms",
            "p90 ms",
            "p99 ms",
            "max ms",
            "ops/s"));
    for (RpcSummary row : run.rpcs()) {
      out.append(
          String.format(
              Locale.ROOT,
              ROW,
              row.rpc(),
              row.ok(),
              row.errorCount(),
              millis(row.p50Ms()),
              millis(row.p90Ms()),
              millis(row.p99Ms()),
              millis(row.maxMs()),
              String.format(Locale.ROOT, "%.1f", row.opsPerSecond())));
    }
    for (RpcSummary row : run.rpcs()) {
      if (row.errorCount() > 0) {
        out.append("  errors ").append(row.rpc()).append(": ").append(codes(row)).append('\n');
      }
      if (row.retries() > 0) {
        out.append(
            String.format(
                Locale.ROOT, "  %s retried %d times after ABORTED\n", row.rpc(), row.retries()));
      }
    }
    if (!run.rssAfter().isEmpty()) {
      out.append("  plugin RSS after: ").append(rss(run.rssAfter())).append('\n');
    }
    return out.toString();
  }

  static String comparison(Comparison comparison) {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s: %s / %s\n",
            comparison.scenario(),
            comparison.numerator(),
            comparison.denominator()));
    out.append(String.format(Locale.ROOT, RATIO_ROW, "rpc", "p50", "p99", "ops/s"));
    for (Comparison.Ratio ratio : comparison.ratios()) {
      out.append(
          String.format(
              Locale.ROOT,
              RATIO_ROW,
              ratio.rpc(),
              times(ratio.p50()),
              times(ratio.p99()),
              times(ratio.opsPerSecond())));
    }
    return out.toString();
  }

  private static String codes(RpcSummary row) {
    return row.errors().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining(" "));
  }

  static String rss(List<RssSample> samples) {
    return samples.stream()
        .map(s ->
            s.bytes() < 0
                ? "pid " + s.pid() + " gone"
                : String.format(Locale.ROOT, "pid %d %.1f MiB", s.pid(), s.mebibytes()))
        .collect(Collectors.joining(", "));
  }

  private static String leaks(List<Ledger.Leak> leaks) {
    if (leaks.isEmpty()) {
      return "cleanup: everything the run created is deleted" + "\n";
    }
    StringBuilder out = new StringBuilder("cleanup LEFT BEHIND " + leaks.size() + ":\n");
    leaks.forEach(
        l -> out.append("  ").append(l.key()).append(": ").append(l.reason()).append('\n'));
    return out.toString();
  }

  private static String millis(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }

  private static String times(double ratio) {
    return String.format(Locale.ROOT, "%.2fx", ratio);
  }
}
