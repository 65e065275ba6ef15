package io.strata.ceph;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Bounds the manager commands one connection has outstanding. The volumes module works through its
 * commands largely one at a time (a burst of {@code fs subvolume rm} ran one every 5-10 s), so
 * sending more only makes each wait longer until all of them time out. Up to {@code running}
 * commands are sent at once and {@code waiting} more queue for a turn; any beyond that are refused
 * at once with {@link ManagerBusyException}, which the CO retries with backoff.
 *
 * <p>A turn is held until Ceph answers, not until the caller stops waiting: a command that timed
 * out on our side still occupies the manager.
 */
final class ManagerQueue {
  private final Semaphore admitted;
  private final Semaphore running;
  private final int runningLimit;
  private final int waitingLimit;

  ManagerQueue(int runningLimit, int waitingLimit) {
    this.admitted = new Semaphore(runningLimit + waitingLimit);
    this.running = new Semaphore(runningLimit, true);
    this.runningLimit = runningLimit;
    this.waitingLimit = waitingLimit;
  }

  /** A turn to send one command; {@link Turn#close} gives it back once Ceph has answered. */
  interface Turn extends AutoCloseable {
    @Override
    void close();
  }

  /**
   * Waits up to {@code waitNanos} for a turn.
   *
   * @throws ManagerBusyException when the queue is full, or no turn came in time
   */
  Turn enter(String command, long waitNanos) {
    if (!admitted.tryAcquire()) {
      throw busy(command);
    }
    boolean entered = false;
    try {
      entered = running.tryAcquire(waitNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      if (!entered) {
        admitted.release();
      }
    }
    if (!entered) {
      throw busy(command);
    }
    return new Turn() {
      private boolean closed;

      @Override
      public synchronized void close() {
        if (!closed) {
          closed = true;
          running.release();
          admitted.release();
        }
      }
    };
  }

  /** Calls admitted but still waiting for a turn. */
  int waitingCalls() {
    return running.getQueueLength();
  }

  private ManagerBusyException busy(String command) {
    return new ManagerBusyException(
        "the Ceph manager is busy: this plugin already has "
            + runningLimit
            + " manager commands in flight and "
            + waitingLimit
            + " waiting; '"
            + command
            + "' was not sent, retry later");
  }
}
