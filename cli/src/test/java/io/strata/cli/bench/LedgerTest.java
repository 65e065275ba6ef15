package io.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class LedgerTest {
  @Test
  void undoesNewestFirstAndSkipsWhatIsDone() {
    Ledger ledger = new Ledger();
    List<String> undone = new ArrayList<>();
    ledger.add("volume", () -> undone.add("volume"));
    ledger.add("snapshot", () -> undone.add("snapshot"));
    ledger.add("clone", () -> undone.add("clone"));
    ledger.done("snapshot");

    assertEquals(List.of(), ledger.undoAll());
    assertEquals(List.of("clone", "volume"), undone);
    assertEquals(0, ledger.size());
  }

  @Test
  void keepsWhatFailsToUndoForTheNextTry() {
    Ledger ledger = new Ledger();
    AtomicInteger attempts = new AtomicInteger();
    ledger.add(
        "volume 1",
        () -> {
          if (attempts.incrementAndGet() == 1) {
            throw new IllegalStateException("busy");
          }
        });

    List<Ledger.Leak> leaks = ledger.undoAll();
    assertEquals(1, leaks.size());
    assertEquals("volume 1", leaks.get(0).key());
    assertEquals("IllegalStateException: busy", leaks.get(0).reason());
    assertEquals(List.of(), ledger.undoAll(), "the second try succeeds");
  }
}
