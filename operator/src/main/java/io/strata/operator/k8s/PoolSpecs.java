package io.strata.operator.k8s;

import io.strata.ceph.PoolSettings;
import io.strata.operator.api.v1.PoolSpec;

/** A resource's pool spec as the settings ceph-client applies. */
final class PoolSpecs {
  private PoolSpecs() {}

  static PoolSettings settings(String name, PoolSpec spec, String application) {
    return new PoolSettings(
        name,
        spec.replicated.size,
        spec.replicated.requireSafeReplicaSize,
        spec.failureDomain,
        spec.deviceClass,
        spec.compressionMode,
        spec.parameters,
        application);
  }
}
