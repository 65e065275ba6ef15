package io.strata.ceph;

/**
 * Told how long each Ceph call took, for metrics. Operations are low-cardinality names: a command's
 * prefix ("osd pool create", "fs subvolume create") or an RBD verb ("create image").
 */
@FunctionalInterface
public interface CephCallObserver {
  CephCallObserver NONE = (target, operation, nanos, ok) -> {};

  /**
   * @param target "mon", "mgr" or "rbd"
   * @param ok false when the call failed (any error, timeouts included)
   */
  void completed(String target, String operation, long nanos, boolean ok);
}
