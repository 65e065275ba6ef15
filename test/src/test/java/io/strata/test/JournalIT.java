package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.Omap;
import io.strata.csi.journal.Journal;
import io.strata.csi.journal.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The journal on real omap objects, each test in its own rados namespace. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class JournalIT {
  private final LocalStackExtension.Stack stack;
  private Omap omap;
  private Journal journal;

  JournalIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
  }

  @BeforeEach
  void freshNamespace() {
    omap = new Omap(stack.adminConnection(), stack.cluster().rbdPool(), "it-" + UUID.randomUUID());
    journal = new Journal(omap, Journal.Kind.VOLUME);
  }

  @Test
  void reserveIsIdempotentPerName() {
    Reservation first = reserve("pvc-1", Map.of("csi.size", "10"));
    Reservation again = reserve("pvc-1", Map.of("csi.size", "99"));
    assertEquals(first.uuid(), again.uuid());
    assertEquals("csi-vol-" + first.uuid(), again.objectName());
    assertEquals("10", again.attribute("csi.size"), "the first reservation's attributes win");
    assertEquals(first, journal.findById(first.uuid()).orElseThrow());
    journal.release(first.uuid());
  }

  @Test
  void aCrashAfterTheDirectoryKeyIsCompletedByTheRetry() {
    UUID orphan = UUID.randomUUID();
    // what a crash between the directory key and the entry leaves behind
    omap.set("csi.volumes.strata", Map.of("csi.volume.pvc-2", orphan.toString()));
    Reservation found = journal.findByName("pvc-2").orElseThrow();
    assertFalse(found.isComplete());

    Journal.Pending completed =
        journal.reserveWhileCreating("pvc-2", "csi-vol-", Map.of(), Runnable::run);
    assertTrue(completed.resumed(), "the retry knows an earlier request reserved the name");
    assertEquals(orphan, completed.reservation().uuid());
    assertTrue(journal.findByName("pvc-2").orElseThrow().isComplete());
    journal.release(orphan);
  }

  @Test
  void releaseRemovesEverythingAndIsSafeTwice() {
    Reservation reservation = reserve("pvc-3", Map.of());
    journal.release(reservation.uuid());
    journal.release(reservation.uuid());
    assertTrue(journal.findByName("pvc-3").isEmpty());
    assertTrue(journal.findById(reservation.uuid()).isEmpty());
    assertEquals(List.of(), journal.list("", 10).entries());
  }

  @Test
  void theEntryWrittenWhileCreatingIsThereOnceAwaitedAndTheUndoRemovesBoth() {
    ExecutorService writer = Executors.newSingleThreadExecutor();
    try {
      Journal.Pending pending =
          journal.reserveWhileCreating("pvc-4", "csi-vol-", Map.of("csi.size", "7"), writer);
      pending.awaitEntry();
      assertFalse(pending.resumed(), "a new name");
      Reservation reservation = pending.reservation();
      assertEquals(reservation, journal.findByName("pvc-4").orElseThrow());

      Journal.Pending retried =
          journal.reserveWhileCreating("pvc-4", "csi-vol-", Map.of("csi.size", "9"), writer);
      assertTrue(retried.entry().isDone(), "a complete reservation writes nothing");
      assertTrue(retried.resumed());
      assertEquals(reservation, retried.reservation());

      journal.release(reservation);
      assertTrue(journal.findByName("pvc-4").isEmpty());
      assertTrue(journal.findById(reservation.uuid()).isEmpty());
    } finally {
      writer.shutdown();
    }
  }

  @Test
  void listsInPages() {
    List<UUID> reserved = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      reserved.add(reserve("pvc-" + i, Map.of()).uuid());
    }
    List<UUID> seen = new ArrayList<>();
    String next = "";
    int pages = 0;
    do {
      Journal.Page page = journal.list(next, 2);
      page.entries().forEach(listed -> seen.add(listed.uuid()));
      next = page.nextName();
      pages++;
    } while (!next.isEmpty());
    assertEquals(3, pages);
    assertEquals(reserved, seen);
    reserved.forEach(journal::release);
  }

  /** A reservation with its entry written before it returns. */
  private Reservation reserve(String name, Map<String, String> attributes) {
    return journal.reserveWhileCreating(name, "csi-vol-", attributes, Runnable::run).reservation();
  }
}
