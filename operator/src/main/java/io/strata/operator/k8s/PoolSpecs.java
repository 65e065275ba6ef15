package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strata.ceph.PoolSettings;
import io.strata.ceph.Pools;
import io.strata.operator.api.v1.PoolSpec;
import io.strata.operator.api.v1.ResourceStatus;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
        .ifPresent(problem -> {
          throw new SpecProblem(
              "FailureDomainUnusable", "pool " + settings.name() + ": " + problem);
        });
    pools.ensure(settings);
  }

  /**
   * Empty once every placement group of the pool is active; otherwise what status should say. I/O
   * to a pool waits while one of its PGs is inactive, so nothing may write to it (rbd pool init,
   * the subvolume group) and it must not be reported Ready before.
   */
  static Optional<String> inactivePlacementGroups(Pools pools, String pool) {
    Map<String, Integer> states = pools.placementGroupStates(pool);
    if (states.isEmpty()) {
      return Optional.of(
          "pool " + pool + ": the manager has not reported its placement groups yet");
    }
    int total = states.values().stream().mapToInt(Integer::intValue).sum();
    int inactive =
        states.entrySet().stream()
            .filter(state -> !Arrays.asList(state.getKey().split("\\+")).contains("active"))
            .mapToInt(Map.Entry::getValue)
            .sum();
    if (inactive == 0) {
      return Optional.empty();
    }
    return Optional.of(
        "pool "
            + pool
            + ": "
            + inactive
            + " of "
            + total
            + " placement groups are not active "
            + states
            + "; I/O to the pool waits until they are: check that enough OSDs are up and in"
            + " below its failure domain (ceph pg ls-by-pool "
            + pool
            + ")");
  }

  /**
   * Marks the resource not Ready while a pool's PGs are inactive (or not yet reported) and returns
   * true; the caller reschedules.
   */
  static boolean awaitingActivePools(
      Pools pools, List<String> poolNames, ResourceStatus status, HasMetadata resource) {
    for (String pool : poolNames) {
      Optional<String> problem = inactivePlacementGroups(pools, pool);
      if (problem.isPresent()) {
        status.phase = Phase.Progressing.name();
        status.message = problem.get();
        Conditions.set(
            status, resource, Conditions.READY, false, "PlacementGroupsInactive", problem.get());
        return true;
      }
    }
    return false;
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
