package io.strata.cli.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Runs every scenario on the endpoint, then on the --compare endpoint and the raw baseline when
 * given, back to back so all see the same cluster state. The ledger is emptied after each run, at
 * the end once more, and from a shutdown hook if the user interrupts.
 */
final class BenchRunner {
  /**
   * @param namePrefix with the run id: every name a run creates starts with it
   */
  record Plan(
      List<Scenario> scenarios,
      int count,
      int concurrency,
      int warmups,
      long sizeBytes,
      Duration retryFor,
      String namePrefix,
      List<Long> pluginPids) {
    Plan {
      scenarios = List.copyOf(scenarios);
      pluginPids = List.copyOf(pluginPids);
    }
  }

  private final Plan plan;
  private final Ledger ledger = new Ledger();
  private int runs;
  private volatile Workload current;

  BenchRunner(Plan plan) {
    this.plan = plan;
  }

  BenchReport run(String runId, Target endpoint, Optional<Target> compare, Optional<Target> raw) {
    endpoint.warmUp();
    compare.ifPresent(Target::warmUp);
    raw.ifPresent(Target::warmUp);
    Thread onInterrupt = new Thread(this::cleanUpInterrupted, "bench-cleanup");
    Runtime.getRuntime().addShutdownHook(onInterrupt);
    List<RssSample> before = RssSample.of(plan.pluginPids());
    List<RunReport> reports = new ArrayList<>();
    List<Comparison> comparisons = new ArrayList<>();
    for (Scenario scenario : plan.scenarios()) {
      RunReport main = runOne(scenario, endpoint, runId);
      reports.add(main);
      if (compare.isPresent() && canRun(scenario, compare.get())) {
        RunReport other = runOne(scenario, compare.get(), runId);
        reports.add(other);
        comparisons.add(Comparison.of(other, main));
      }
      if (raw.isPresent() && canRun(scenario, raw.get())) {
        RunReport baseline = runOne(scenario, raw.get(), runId);
        reports.add(baseline);
        comparisons.add(Comparison.of(main, baseline));
      }
    }
    // what failed to go after its run gets a second try here; what still fails is a leak
    List<Ledger.Leak> leaks = ledger.undoAll();
    Runtime.getRuntime().removeShutdownHook(onInterrupt);
    return new BenchReport(runId, before, reports, comparisons, leaks);
  }

  /** From the shutdown hook: stop new calls, let calls in flight end, then undo everything. */
  private void cleanUpInterrupted() {
    ledger.close();
    Workload running = current;
    try {
      if (running != null) {
        running.awaitIdle(plan.retryFor());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    System.err.printf("interrupted: deleting %d objects the run made%n", ledger.size());
    List<Ledger.Leak> leaks = ledger.undoAll();
    leaks.forEach(leak -> System.err.printf("LEFT BEHIND %s: %s%n", leak.key(), leak.reason()));
  }

  /** A raw baseline or a --compare endpoint has no node side: stage-publish skips them. */
  private static boolean canRun(Scenario scenario, Target target) {
    return !scenario.needsNode() || target.node().isPresent();
  }

  private RunReport runOne(Scenario scenario, Target target, String runId) {
    String prefix = plan.namePrefix() + "-" + runId + "-" + (++runs);
    Workload.Spec spec =
        new Workload.Spec(
            scenario,
            plan.count(),
            plan.concurrency(),
            plan.warmups(),
            plan.sizeBytes(),
            plan.retryFor(),
            prefix);
    current = new Workload(spec, ledger);
    try {
      return current.run(target, plan.pluginPids());
    } finally {
      ledger.undoAll();
    }
  }
}
