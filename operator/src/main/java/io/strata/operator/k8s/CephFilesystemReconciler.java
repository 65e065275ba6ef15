package io.strata.operator.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
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
import io.strata.ceph.Filesystems;
import io.strata.ceph.Pools;
import io.strata.ceph.Subvolumes;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec;
import io.strata.operator.api.v1.CephFilesystemStatus;
import io.strata.operator.k8s.managed.ManagedCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CephFilesystem: its metadata and data pools, the filesystem with {@code activeCount} active MDS,
 * the MDS daemons (managed clusters), the subvolume group the CSI driver uses, its StorageClass,
 * and its size in status. Deleting it removes the filesystem (unless preserveFilesystemOnDelete)
 * once no CSI volume is left, and the pools unless preservePoolsOnDelete.
 */
@ControllerConfiguration(
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 5, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = Integer.MAX_VALUE, initialInterval = 2_000, maxInterval = 300_000)
public final class CephFilesystemReconciler
    implements Reconciler<CephFilesystem>, Cleaner<CephFilesystem> {
  /** The group the driver's cluster config names (DriverInstaller). */
  static final String SUBVOLUME_GROUP = "csi";

  private static final Duration WAIT_FOR_EMPTY = Duration.ofSeconds(30);
  private static final Duration WAIT_FOR_MDS = Duration.ofSeconds(15);
  private static final Duration WAIT_FOR_ACTIVE_PGS = Duration.ofSeconds(5);

  private final KubernetesClient client;
  private final ClusterRegistry clusters;
  private final CephConnections connections;
  private final ManagedCluster managed;
  private final StorageClasses storageClasses;
  private final EventRecorder events;
  private final FailureReport failures;

  public CephFilesystemReconciler(
      KubernetesClient client,
      ClusterRegistry clusters,
      CephConnections connections,
      ManagedCluster managed,
      StorageClasses storageClasses,
      EventRecorder events) {
    this.client = client;
    this.clusters = clusters;
    this.connections = connections;
    this.managed = managed;
    this.storageClasses = storageClasses;
    this.events = events;
    this.failures = new FailureReport(events);
  }

  @Override
  public UpdateControl<CephFilesystem> reconcile(
      CephFilesystem fs, Context<CephFilesystem> context) {
    CephFilesystemStatus status = status(fs);
    String namespace = fs.getMetadata().getNamespace();
    ReadyCluster cluster = clusters.require(namespace);
    CephConnection ceph = connections.get(cluster.endpoint().connectionSpec());
    CephFilesystemSpec spec = fs.getSpec();
    String name = fs.getMetadata().getName();
    Pools pools = new Pools(ceph);
    PoolSpecs.ensure(pools, PoolSpecs.settings(metadataPool(name), spec.metadataPool, "cephfs"));
    List<String> dataPools = dataPoolNames(fs);
    if (dataPools.isEmpty()) {
      throw new SpecProblem("NoDataPool", "spec.dataPools is empty: a filesystem needs one");
    }
    for (int i = 0; i < dataPools.size(); i++) {
      PoolSpecs.ensure(
          pools, PoolSpecs.settings(dataPools.get(i), spec.dataPools.get(i), "cephfs"));
    }
    List<String> allPools = new ArrayList<>(List.of(metadataPool(name)));
    allPools.addAll(dataPools);
    if (PoolSpecs.awaitingActivePools(pools, allPools, status, fs)) {
      status.observedGeneration = fs.getMetadata().getGeneration();
      return UpdateControl.patchStatus(fs).rescheduleAfter(WAIT_FOR_ACTIVE_PGS);
    }
    Filesystems filesystems = new Filesystems(ceph);
    filesystems.create(name, metadataPool(name), dataPools);
    filesystems.setMaxMds(name, spec.metadataServer.activeCount);
    filesystems.setStandbyReplay(name, spec.metadataServer.activeStandby);
    List<String> ignored = new ArrayList<>(IgnoredFields.of(spec));
    if (cluster.managed()) {
      CephCluster owner =
          client.resources(CephCluster.class).inNamespace(namespace).withName(cluster.name()).get();
      managed.applyMds(fs, owner, ceph);
    } else {
      // an external cluster runs its own metadata servers
      ignored.add("spec.metadataServer (external cluster)");
    }
    status.filesystemId = filesystems.byName(name).orElseThrow().id();
    status.ignoredFields = ignored;
    status.observedGeneration = fs.getMetadata().getGeneration();
    if (filesystems.activeMdsCount(name) == 0) {
      // the subvolume group is made through the mgr, which mounts the filesystem: wait for an MDS
      status.phase = Phase.Progressing.name();
      status.message = "waiting for an active MDS for filesystem " + name;
      Conditions.set(status, fs, Conditions.READY, false, "NoActiveMds", status.message);
      return UpdateControl.patchStatus(fs).rescheduleAfter(WAIT_FOR_MDS);
    }
    new Subvolumes(ceph, name, SUBVOLUME_GROUP).createGroup();
    storageClasses.reconcile(
        fs,
        spec.storageClass,
        StorageClasses.Driver.CEPHFS,
        Map.of("clusterID", cluster.fsid(), "fsName", name));
    long stored = 0;
    long available = 0;
    for (String pool : dataPools) {
      Pools.PoolState state = pools.state(pool).orElseThrow();
      stored += state.storedBytes();
      available = Math.max(available, state.maxAvailBytes());
    }
    status.size = Sizes.human(stored + available);
    status.available =
        stored + available == 0 ? "100%" : (100 * available / (stored + available)) + "%";
    status.phase = Phase.Ready.name();
    status.message = "";
    Conditions.set(
        status, fs, Conditions.READY, true, "FilesystemReady", "filesystem " + name + " is ready");
    return UpdateControl.patchStatus(fs);
  }

  @Override
  public DeleteControl cleanup(CephFilesystem fs, Context<CephFilesystem> context) {
    storageClasses.delete(fs);
    CephFilesystemSpec spec = fs.getSpec();
    if (spec.preserveFilesystemOnDelete) {
      return DeleteControl.defaultDelete();
    }
    ReadyCluster cluster = clusters.require(fs.getMetadata().getNamespace());
    CephConnection ceph = connections.get(cluster.endpoint().connectionSpec());
    String name = fs.getMetadata().getName();
    Filesystems filesystems = new Filesystems(ceph);
    if (filesystems.byName(name).isPresent() && inUse(ceph, filesystems, fs)) {
      events.warning(
          fs,
          "FilesystemInUse",
          "filesystem " + name + " still holds CSI volumes or data: delete their PVCs first");
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_EMPTY);
    }
    filesystems.remove(name);
    if (!spec.preservePoolsOnDelete) {
      Pools pools = new Pools(ceph);
      pools.delete(metadataPool(name));
      dataPoolNames(fs).forEach(pools::delete);
    }
    events.normal(fs, "FilesystemDeleted", "deleted filesystem " + name);
    return DeleteControl.defaultDelete();
  }

  /**
   * Whether CSI volumes live in the filesystem: asked of the mgr when an MDS serves it, otherwise
   * (the mgr could not mount it) answered by whether its data pools hold anything.
   */
  private static boolean inUse(CephConnection ceph, Filesystems filesystems, CephFilesystem fs) {
    String name = fs.getMetadata().getName();
    if (filesystems.activeMdsCount(name) > 0) {
      return !new Subvolumes(ceph, name, SUBVOLUME_GROUP).names().isEmpty();
    }
    Pools pools = new Pools(ceph);
    return !dataPoolNames(fs).stream().allMatch(pools::isEmpty);
  }

  @Override
  public ErrorStatusUpdateControl<CephFilesystem> updateErrorStatus(
      CephFilesystem fs, Context<CephFilesystem> context, Exception e) {
    failures.report(fs, status(fs), e);
    return ErrorStatusUpdateControl.patchStatus(fs);
  }

  static String metadataPool(String fs) {
    return fs + "-metadata";
  }

  /** Rook's names: {@code <fs>-<name>}, or {@code <fs>-data<index>} for unnamed pools. */
  static List<String> dataPoolNames(CephFilesystem fs) {
    List<String> names = new ArrayList<>();
    var pools = fs.getSpec().dataPools;
    for (int i = 0; i < pools.size(); i++) {
      String given = pools.get(i).name;
      names.add(
          fs.getMetadata().getName()
              + "-"
              + (given == null || given.isBlank() ? "data" + i : given));
    }
    return names;
  }

  private static CephFilesystemStatus status(CephFilesystem fs) {
    if (fs.getStatus() == null) {
      fs.setStatus(new CephFilesystemStatus());
    }
    return fs.getStatus();
  }
}
