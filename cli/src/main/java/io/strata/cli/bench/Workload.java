package io.strata.cli.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** Runs one scenario on one target: {@code count} iterations spread over {@code concurrency}. */
final class Workload {
  /**
   * @param warmups untimed iterations first, so the client's class loading and JIT do not count
   * @param namePrefix unique per run; iteration i names its objects {@code <namePrefix>-<i>}
   * @param retryFor how long a call answered ABORTED is repeated
   */
  record Spec(
      Scenario scenario,
      int count,
      int concurrency,
      int warmups,
      long sizeBytes,
      Duration retryFor,
      String namePrefix) {}

  private final Spec spec;
  private final Ledger ledger;
  private volatile ExecutorService workers;

  Workload(Spec spec, Ledger ledger) {
    this.spec = spec;
    this.ledger = ledger;
  }

  /**
   * Runs the iterations and samples the plugins' memory; what the run made is left in the ledger,
   * which the caller empties.
   */
  RunReport run(Target target, List<Long> pluginPids) {
    Timings timings = new Timings();
    Steps steps = new Steps(target, timings, ledger, spec.sizeBytes(), spec.retryFor());
    Scenario.Fixture fixture;
    try {
      // the fixture's and the warm-ups' calls are not what is measured: they have timings of their
      // own
      Steps untimed = new Steps(target, new Timings(), ledger, spec.sizeBytes(), spec.retryFor());
      fixture = spec.scenario().setUp(untimed, spec.namePrefix());
      for (int i = 0; i < spec.warmups(); i++) {
        spec.scenario().iterate(untimed, fixture, spec.namePrefix() + "-warmup-" + i);
      }
    } catch (RuntimeException e) {
      Throwable cause = e instanceof Steps.StepFailed ? e.getCause() : e;
      timings.of("setup").failed(FailureCode.of(cause));
      return report(target, timings, Duration.ZERO, pluginPids);
    }
    long started = System.nanoTime();
    workers = Executors.newFixedThreadPool(spec.concurrency());
    for (int i = 0; i < spec.count(); i++) {
      String name = spec.namePrefix() + "-" + i;
      workers.execute(() -> iterate(steps, timings, fixture, name));
    }
    workers.shutdown();
    awaitQuietly(workers);
    return report(target, timings, Duration.ofNanos(System.nanoTime() - started), pluginPids);
  }

  private void iterate(Steps steps, Timings timings, Scenario.Fixture fixture, String name) {
    try {
      spec.scenario().iterate(steps, fixture, name);
    } catch (Steps.StepFailed | Steps.Interrupted counted) {
      // a failure is counted under its RPC and the next iteration goes on; an interrupted one is
      // not a failure of the target
    } catch (RuntimeException e) {
      timings.of("bench").failed(FailureCode.of(e));
    }
  }

  /**
   * Waits until the iterations in flight have finished their current call; with the ledger closed
   * they start no other, so the ledger then holds everything the run made.
   */
  void awaitIdle(Duration limit) throws InterruptedException {
    ExecutorService running = workers;
    if (running != null) {
      running.shutdown();
      running.awaitTermination(limit.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private RunReport report(
      Target target, Timings timings, Duration elapsed, List<Long> pluginPids) {
    return new RunReport(
        spec.scenario().flag(),
        target.label(),
        spec.count(),
        spec.concurrency(),
        elapsed.toNanos() / 1e9,
        timings.summaries(elapsed),
        RssSample.of(pluginPids));
  }

  private static void awaitQuietly(ExecutorService workers) {
    try {
      while (!workers.awaitTermination(1, TimeUnit.MINUTES)) {
        // a long run; every call has its own deadline, so this ends
      }
    } catch (InterruptedException e) {
      workers.shutdownNow();
      Thread.currentThread().interrupt();
    }
  }
}
