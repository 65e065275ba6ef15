package io.strata.operator.k8s;

import io.strata.ceph.PoolSettings;
import io.strata.ceph.Pools;
import io.strata.operator.api.v1.PoolSpec;

/** A resource's pool spec as the settings ceph-client applies. */
final class PoolSpecs {
  private PoolSpecs() {}

  /**
   * Makes or updates the pool; a failure domain Ceph cannot place its replicas over is a
   * SpecProblem, reported before anything is made (a CRUSH rule over "root" once made a pool whose
   * PGs never mapped while it reported Ready).
   */
  static void ensure(Pools pools, PoolSettings settings) {
    pools
        .placementProblem(settings)
        .ifPresent(
            problem -> {
              throw new SpecProblem(
                  "FailureDomainUnusable", "pool " + settings.name() + ": " + problem);
            });
    pools.ensure(settings);
  }

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
