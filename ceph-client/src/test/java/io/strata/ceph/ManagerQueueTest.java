package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManagerQueueTest {
  private static final long LONG_WAIT = TimeUnit.MINUTES.toNanos(1);

  @Test
  void beyondTheRunningAndWaitingLimitsCallsAreRefusedAtOnce() throws Exception {
    ManagerQueue queue = new ManagerQueue(2, 1);
    ManagerQueue.Turn first = queue.enter("fs subvolume rm", LONG_WAIT);
    queue.enter("fs subvolume rm", LONG_WAIT);
    CompletableFuture<ManagerQueue.Turn> waiting =
        CompletableFuture.supplyAsync(() -> queue.enter("fs subvolume rm", LONG_WAIT));
    awaitQueued(queue);
    ManagerBusyException refused =
        assertThrows(ManagerBusyException.class, () -> queue.enter("fs subvolume rm", LONG_WAIT));
    assertTrue(refused.getMessage().contains("2 manager commands in flight"), refused.getMessage());
    assertFalse(waiting.isDone(), "the third call waits for a turn");

    first.close();
    first.close(); // twice is harmless
    waiting.get(10, TimeUnit.SECONDS).close();
    queue.enter("fs subvolume ls", LONG_WAIT).close();
  }

  @Test
  void aCallThatGetsNoTurnInTimeIsRefused() {
    ManagerQueue queue = new ManagerQueue(1, 1);
    queue.enter("fs subvolume create", LONG_WAIT);
    assertThrows(
        ManagerBusyException.class,
        () -> queue.enter("fs subvolume create", TimeUnit.MILLISECONDS.toNanos(20)));
    // its place in the queue was given back
    assertThrows(
        ManagerBusyException.class,
        () -> queue.enter("fs subvolume create", TimeUnit.MILLISECONDS.toNanos(20)));
  }

  /** Until the waiting call holds its place: a full queue then refuses the next one. */
  private static void awaitQueued(ManagerQueue queue) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (queue.waitingCalls() == 0 && System.nanoTime() < deadline) {
      Thread.onSpinWait();
    }
  }
}
