package io.strata.node;

import io.strata.csi.CsiException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One operation per volume at a time on this node. A second call while one runs is answered ABORTED
 * at once (the CO retries) rather than queued behind a possibly slow attach.
 */
public final class VolumeLocks {
  private final Set<String> busy = ConcurrentHashMap.newKeySet();

  /** Holds the volume until the lease is closed; closing twice is harmless. */
  public Lease acquire(String volumeId) {
    if (!busy.add(volumeId)) {
      throw CsiException.aborted("an operation on volume " + volumeId + " is already in progress");
    }
    return new Lease(volumeId);
  }

  /** A held volume. */
  public final class Lease implements AutoCloseable {
    private final String volumeId;
    private boolean released;

    private Lease(String volumeId) {
      this.volumeId = volumeId;
    }

    @Override
    public synchronized void close() {
      if (!released) {
        released = true;
        busy.remove(volumeId);
      }
    }
  }
}
