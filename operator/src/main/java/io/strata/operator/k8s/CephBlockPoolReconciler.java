package io.strata.operator.k8s;

import io.javaoperatorsdk.operator.api.reconciler.Cleaner;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.DeleteControl;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.MaxReconciliationInterval;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.retry.GradualRetry;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephConnections;
import io.strata.ceph.Pools;
import io.strata.ceph.RbdImages;
import io.strata.ceph.RbdPools;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephBlockPoolSpec;
import io.strata.operator.api.v1.CephBlockPoolStatus;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CephBlockPool: the pool as its spec says (size, failure domain, compression, parameters),
 * initialised for RBD, its StorageClass, and its usage in status. Deleting the resource deletes the
 * pool only when {@code deletePoolOnRemoval} allows it and no image is left in it.
 */
@ControllerConfiguration(
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = Integer.MAX_VALUE, initialInterval = 2_000, maxInterval = 300_000)
public final class CephBlockPoolReconciler
    implements Reconciler<CephBlockPool>, Cleaner<CephBlockPool> {
  private static final Duration WAIT_FOR_EMPTY = Duration.ofSeconds(30);
  private static final Duration WAIT_FOR_ACTIVE_PGS = Duration.ofSeconds(5);

  private final ClusterRegistry clusters;
  private final CephConnections connections;
  private final StorageClasses storageClasses;
  private final EventRecorder events;
  private final FailureReport failures;

  public CephBlockPoolReconciler(
      ClusterRegistry clusters,
      CephConnections connections,
      StorageClasses storageClasses,
      EventRecorder events) {
    this.clusters = clusters;
    this.connections = connections;
    this.storageClasses = storageClasses;
    this.events = events;
    this.failures = new FailureReport(events);
  }

  @Override
  public UpdateControl<CephBlockPool> reconcile(
      CephBlockPool pool, Context<CephBlockPool> context) {
    CephBlockPoolStatus status = status(pool);
    ReadyCluster cluster = clusters.require(pool.getMetadata().getNamespace());
    CephConnection ceph = connections.get(cluster.endpoint().connectionSpec());
    CephBlockPoolSpec spec = pool.getSpec();
    String name = poolName(pool);
    Pools pools = new Pools(ceph);
    PoolSpecs.ensure(pools, PoolSpecs.settings(name, spec, "rbd"));
    if (PoolSpecs.awaitingActivePools(pools, List.of(name), status, pool)) {
      status.observedGeneration = pool.getMetadata().getGeneration();
      return UpdateControl.patchStatus(pool).rescheduleAfter(WAIT_FOR_ACTIVE_PGS);
    }
    new RbdPools(ceph).init(name);
    storageClasses.reconcile(
        pool,
        spec.storageClass,
        StorageClasses.Driver.RBD,
        Map.of("clusterID", cluster.fsid(), "pool", name, "csi.storage.k8s.io/fstype", "ext4"));
    Pools.PoolState state = pools.state(name).orElseThrow();
    status.poolId = state.id();
    status.used = Sizes.human(state.storedBytes());
    status.available = Sizes.human(state.maxAvailBytes());
    status.capacity = Sizes.human(state.storedBytes() + state.maxAvailBytes());
    status.health = cluster.health();
    status.ignoredFields = IgnoredFields.of("spec", spec);
    status.phase = Phase.Ready.name();
    status.message = "pool " + name + " is ready";
    Conditions.set(status, pool, Conditions.READY, true, "PoolReady", status.message);
    status.observedGeneration = pool.getMetadata().getGeneration();
    return UpdateControl.patchStatus(pool);
  }

  @Override
  public DeleteControl cleanup(CephBlockPool pool, Context<CephBlockPool> context) {
    storageClasses.delete(pool);
    if (!pool.getSpec().deletePoolOnRemoval) {
      return DeleteControl.defaultDelete();
    }
    ReadyCluster cluster = clusters.require(pool.getMetadata().getNamespace());
    CephConnection ceph = connections.get(cluster.endpoint().connectionSpec());
    Pools pools = new Pools(ceph);
    String name = poolName(pool);
    if (pools.state(name).isPresent() && holdsImages(ceph, name)) {
      events.warning(
          pool,
          "PoolNotEmpty",
          "pool "
              + name
              + " still holds images: delete their PVCs (or set deletePoolOnRemoval=false)");
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_EMPTY);
    }
    pools.delete(name);
    events.normal(pool, "PoolDeleted", "deleted pool " + name);
    return DeleteControl.defaultDelete();
  }

  /** Images, live or in the trash; rbd pool init's own objects do not count. */
  private static boolean holdsImages(CephConnection ceph, String pool) {
    RbdImages images = new RbdImages(ceph, pool, "");
    return !images.list().isEmpty() || !images.trash().isEmpty();
  }

  @Override
  public ErrorStatusUpdateControl<CephBlockPool> updateErrorStatus(
      CephBlockPool pool, Context<CephBlockPool> context, Exception e) {
    failures.report(pool, status(pool), e);
    return ErrorStatusUpdateControl.patchStatus(pool);
  }

  private static String poolName(CephBlockPool pool) {
    String name = pool.getSpec().name;
    return name == null || name.isBlank() ? pool.getMetadata().getName() : name;
  }

  private static CephBlockPoolStatus status(CephBlockPool pool) {
    if (pool.getStatus() == null) {
      pool.setStatus(new CephBlockPoolStatus());
    }
    return pool.getStatus();
  }
}
