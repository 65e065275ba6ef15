package io.strata.ceph;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Shared connections, one per (monitors, user, key): a connect costs more than most RBD calls, so
 * requests reuse them. A failed connect is not cached, so a corrected secret works at once.
 */
public final class CephConnections implements AutoCloseable {
  private final Map<ConnectionSpec, CephConnection> open = new ConcurrentHashMap<>();
  private final CephCallObserver observer;

  public CephConnections() {
    this(CephCallObserver.NONE);
  }

  /** Connections that report every call's duration to {@code observer}. */
  public CephConnections(CephCallObserver observer) {
    this.observer = observer;
  }

  public CephConnection get(ConnectionSpec spec) {
    return open.computeIfAbsent(spec, s -> CephConnection.open(s, observer));
  }

  @Override
  public void close() {
    open.values().forEach(CephConnection::close);
    open.clear();
  }
}
