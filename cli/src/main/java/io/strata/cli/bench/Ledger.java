package io.strata.cli.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a run made and has not yet undone, so nothing outlives it: every create enters an undo
 * action under a key, every successful delete removes it, and {@link #undoAll()} runs what is left
 * newest first (clones before their snapshots, snapshots before their volumes, unpublish before
 * unstage before delete). Thread-safe.
 */
final class Ledger {
  /** An undo action; it may throw, and is then kept to be reported as a leak. */
  @FunctionalInterface
  interface Undo {
    void run();
  }

  /** Something a run could not undo: its key and why. */
  record Leak(String key, String reason) {}

  private final LinkedHashMap<String, Undo> open = new LinkedHashMap<>();
  private volatile boolean closed;

  synchronized void add(String key, Undo undo) {
    open.put(key, undo);
  }

  /** The thing under {@code key} is gone (its delete succeeded). */
  synchronized void done(String key) {
    open.remove(key);
  }

  /** No new work should start: the run is being torn down (entries may still be added). */
  void close() {
    closed = true;
  }

  boolean isClosed() {
    return closed;
  }

  synchronized int size() {
    return open.size();
  }

  /**
   * Undoes everything still open, newest first; what fails stays open and is returned, so a later
   * call tries again.
   */
  synchronized List<Leak> undoAll() {
    List<Map.Entry<String, Undo>> newestFirst = new ArrayList<>(open.entrySet());
    java.util.Collections.reverse(newestFirst);
    List<Leak> leaks = new ArrayList<>();
    for (Map.Entry<String, Undo> entry : newestFirst) {
      try {
        entry.getValue().run();
        open.remove(entry.getKey());
      } catch (RuntimeException e) {
        leaks.add(new Leak(entry.getKey(), FailureCode.of(e) + ": " + e.getMessage()));
      }
    }
    return leaks;
  }
}
