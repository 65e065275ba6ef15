package io.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTextTest {
  private static final RunReport PLUGIN =
      new RunReport(
          "create-delete",
          "unix:///tmp/rbd.sock",
          200,
          16,
          12.5,
          List.of(
              new RpcSummary("CreateVolume", 200, Map.of(), 4, 30.25, 48.0, 90.5, 120.0, 16.0),
              new RpcSummary(
                  "DeleteVolume",
                  198,
                  Map.of("INTERNAL", 1L, "ABORTED", 1L),
                  0,
                  80.0,
                  95.0,
                  150.0,
                  151.0,
                  15.84)),
          List.of(new RssSample(42, 180 * 1024 * 1024)));
  private static final RunReport RAW =
      new RunReport(
          "create-delete",
          "raw rbd rbd",
          200,
          16,
          5.0,
          List.of(new RpcSummary("CreateVolume", 200, Map.of(), 0, 10.0, 12.0, 30.0, 31.0, 40.0)),
          List.of());

  @Test
  void runTableHasOneRowPerRpcThenErrorsRetriesAndMemory() {
    assertEquals(
        String.join(
            "\n",
            "create-delete on unix:///tmp/rbd.sock: 200 iterations, concurrency 16, 12.50 s",
            "  rpc                             ok  errors    p50 ms    p90 ms    p99 ms    max ms"
                + "    ops/s",
            "  CreateVolume                   200       0      30.3      48.0      90.5     120.0"
                + "     16.0",
            "  DeleteVolume                   198       2      80.0      95.0     150.0     151.0"
                + "     15.8",
            "  CreateVolume retried 4 times after ABORTED",
            "  errors DeleteVolume: ABORTED=1 INTERNAL=1",
            "  plugin RSS after: pid 42 180.0 MiB",
            ""),
        ReportText.run(PLUGIN));
  }

  @Test
  void ratiosDivideTheFirstRunByTheSecond() {
    String text = ReportText.comparison(Comparison.of(PLUGIN, RAW));
    assertEquals(
        String.join(
            "\n",
            "create-delete: unix:///tmp/rbd.sock / raw rbd rbd",
            "  rpc                             p50      p99    ops/s",
            "  CreateVolume                  3.03x    3.02x    0.40x",
            ""),
        text);
  }

  @Test
  void reportEndsWithWhatCleanupLeft() {
    BenchReport clean = new BenchReport("abc123", List.of(), List.of(PLUGIN), List.of(), List.of());
    assertTrue(
        ReportText.format(clean).endsWith("cleanup: everything the run created is deleted\n"));
    assertEquals(1, clean.exitCode(), "calls failed");

    BenchReport leaky =
        new BenchReport(
            "abc123",
            List.of(new RssSample(7, -1)),
            List.of(),
            List.of(),
            List.of(new Ledger.Leak("volume 0001", "INTERNAL: busy")));
    String text = ReportText.format(leaky);
    assertTrue(text.contains("plugin RSS before: pid 7 gone\n"), text);
    assertTrue(text.endsWith("cleanup LEFT BEHIND 1:\n  volume 0001: INTERNAL: busy\n"), text);
    assertEquals(2, leaky.exitCode());
  }
}
