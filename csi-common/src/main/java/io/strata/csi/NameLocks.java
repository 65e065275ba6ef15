package io.strata.csi;

import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Per-name try-locks for operations in flight. A second call for a name that is busy must not wait:
 * CSI wants ABORTED so the sidecar retries later ({@link #acquireOrAbort}).
 */
public final class NameLocks {
  private final Set<String> held = ConcurrentHashMap.newKeySet();

  /** A held lock; closing it twice releases it once. */
  public final class Lease implements AutoCloseable {
    private final String name;
    private final AtomicBoolean open = new AtomicBoolean(true);

    private Lease(String name) {
      this.name = name;
    }

    @Override
    public void close() {
      if (open.compareAndSet(true, false)) {
        held.remove(name);
      }
    }
  }

  /** The lease, or empty when another call holds the name. */
  public Optional<Lease> tryAcquire(String name) {
    return held.add(name) ? Optional.of(new Lease(name)) : Optional.empty();
  }

  /** The lease, or ABORTED naming what is in flight. */
  public Lease acquireOrAbort(String name, String what) {
    return tryAcquire(name)
        .orElseThrow(
            () -> CsiException.aborted("an operation on " + what + " is already in progress"));
  }
}
