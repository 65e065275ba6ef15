package io.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Runs against an in-memory target: what is counted, and that nothing outlives a run. */
class WorkloadTest {
  private final FakeTarget target = new FakeTarget();
  private final Ledger ledger = new Ledger();

  @Test
  void createDeleteCountsEveryCallAndLeavesNothing() {
    RunReport report = run(Scenario.CREATE_DELETE, 50, 8);

    assertEquals(List.of("CreateVolume", "DeleteVolume"), rpcs(report));
    assertEquals(50, row(report, "CreateVolume").ok());
    assertEquals(50, row(report, "DeleteVolume").ok());
    assertEquals(0, ledger.size());
    assertTrue(target.volumes.isEmpty());
  }

  @Test
  void failedDeletesAreCountedByCodeAndCleanedUpAfterwards() {
    target.failDeletes.set(3);
    RunReport report = run(Scenario.CREATE_DELETE, 10, 1);

    RpcSummary deletes = row(report, "DeleteVolume");
    assertEquals(7, deletes.ok());
    assertEquals(Map.of("INTERNAL", 3L), deletes.errors());
    assertEquals(3, ledger.size(), "the three volumes wait for cleanup");
    assertEquals(List.of(), ledger.undoAll());
    assertTrue(target.volumes.isEmpty());
  }

  @Test
  void abortedCallsAreRetriedAndTheirTimeCounts() {
    target.abortCreates.set(2);
    RunReport report = run(Scenario.CREATE_DELETE, 1, 1);

    RpcSummary creates = row(report, "CreateVolume");
    assertEquals(1, creates.ok());
    assertEquals(2, creates.retries());
    assertTrue(creates.p50Ms() >= 150, "50 ms + 100 ms of backoff: " + creates.p50Ms());
  }

  @Test
  void aCreateThatTimedOutIsFoundByNameAndDeleted() {
    target.timeOutCreates.set(1);
    RunReport report = run(Scenario.CREATE_DELETE, 1, 1);

    assertEquals(Map.of("DEADLINE_EXCEEDED", 1L), row(report, "CreateVolume").errors());
    assertEquals(1, target.volumes.size(), "the plugin made it anyway");
    assertEquals(List.of(), ledger.undoAll());
    assertTrue(target.volumes.isEmpty());
  }

  @Test
  void snapshotRunsKeepTheFixtureOutOfTheTimingsAndRemoveItLast() {
    RunReport report = run(Scenario.CLONE_FROM_SNAPSHOT, 3, 1);

    assertEquals(3, row(report, "CreateVolume").ok(), "the source volume is not counted");
    assertEquals(List.of("CreateVolume", "DeleteVolume"), rpcs(report));
    ledger.undoAll();
    List<String> calls = target.calls;
    assertEquals("DeleteVolume id-t-src", calls.get(calls.size() - 1));
    assertEquals("DeleteSnapshot snap-t-snap", calls.get(calls.size() - 2));
    assertTrue(target.volumes.isEmpty() && target.snapshots.isEmpty());
  }

  @Test
  void stagePublishUndoesAHalfDoneStageBeforeDeletingTheVolume() {
    target.node.failStages.set(1);
    RunReport report = run(Scenario.STAGE_PUBLISH, 3, 1);

    assertEquals(Map.of("INTERNAL", 1L), row(report, "NodeStageVolume").errors());
    assertEquals(2, row(report, "NodeUnstageVolume").ok());
    assertEquals(List.of(), ledger.undoAll());
    assertTrue(target.node.staged.isEmpty() && target.node.published.isEmpty());
    assertTrue(target.volumes.isEmpty());
    List<String> calls = target.calls;
    assertEquals("DeleteVolume id-t-0", calls.get(calls.size() - 1));
    assertEquals("NodeUnstageVolume id-t-0", calls.get(calls.size() - 2));
  }

  @Test
  void warmupsRunButAreNotCounted() {
    Workload.Spec spec =
        new Workload.Spec(Scenario.CREATE_DELETE, 3, 1, 2, 1024, Duration.ofSeconds(5), "t");
    RunReport report = new Workload(spec, ledger).run(target, List.of());

    assertEquals(3, row(report, "CreateVolume").ok());
    assertEquals(5, target.calls.stream().filter(c -> c.startsWith("CreateVolume")).count());
    assertTrue(target.volumes.isEmpty());
  }

  @Test
  void aFailedSetupIsReportedAsSuch() {
    target.abortCreates.set(Integer.MAX_VALUE);
    Workload.Spec spec = new Workload.Spec(Scenario.SNAPSHOT, 5, 1, 0, 1024, Duration.ZERO, "t");
    RunReport report = new Workload(spec, ledger).run(target, List.of());

    assertEquals(List.of("setup"), rpcs(report));
    assertEquals(Map.of("ABORTED", 1L), row(report, "setup").errors());
  }

  private RunReport run(Scenario scenario, int count, int concurrency) {
    Workload.Spec spec =
        new Workload.Spec(scenario, count, concurrency, 0, 1024, Duration.ofSeconds(5), "t");
    return new Workload(spec, ledger).run(target, List.of());
  }

  private static List<String> rpcs(RunReport report) {
    return report.rpcs().stream().map(RpcSummary::rpc).toList();
  }

  private static RpcSummary row(RunReport report, String rpc) {
    return report.rpcs().stream().filter(r -> r.rpc().equals(rpc)).findFirst().orElseThrow();
  }
}
