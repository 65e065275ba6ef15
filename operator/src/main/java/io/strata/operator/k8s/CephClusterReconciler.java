package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.Secret;
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
import io.strata.ceph.CephException;
import io.strata.ceph.Cluster;
import io.strata.ceph.Health;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephClusterStatus;
import io.strata.operator.k8s.driver.DriverInstaller;
import io.strata.operator.k8s.managed.ManagedCluster;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * CephCluster: the daemons (managed mode) or the connection to a Ceph that runs elsewhere (external
 * mode), then the CSI driver for it, and Ceph's health mirrored into status every minute. Pools and
 * filesystems of the namespace wait until it is reached ({@link ClusterRegistry}).
 */
@ControllerConfiguration(
    maxReconciliationInterval =
        @MaxReconciliationInterval(interval = 1, timeUnit = TimeUnit.MINUTES))
@GradualRetry(maxAttempts = Integer.MAX_VALUE, initialInterval = 2_000, maxInterval = 300_000)
public final class CephClusterReconciler implements Reconciler<CephCluster>, Cleaner<CephCluster> {
  /** Mons of a new managed cluster take a while to form a quorum: look again soon. */
  private static final Duration UNREACHABLE_RETRY = Duration.ofSeconds(15);

  /** How often a deletion blocked by pools or filesystems looks again. */
  private static final Duration WAIT_FOR_DEPENDENTS = Duration.ofSeconds(10);

  private final KubernetesClient client;
  private final ClusterRegistry clusters;
  private final CephConnections connections;
  private final ManagedCluster managed;
  private final DriverInstaller driver;
  private final EventRecorder events;
  private final FailureReport failures;
  private final ClusterDependents dependents;

  public CephClusterReconciler(
      KubernetesClient client,
      ClusterRegistry clusters,
      CephConnections connections,
      ManagedCluster managed,
      DriverInstaller driver,
      EventRecorder events) {
    this.client = client;
    this.clusters = clusters;
    this.connections = connections;
    this.managed = managed;
    this.driver = driver;
    this.events = events;
    this.failures = new FailureReport(events);
    this.dependents = new ClusterDependents(client);
  }

  @Override
  public UpdateControl<CephCluster> reconcile(CephCluster cluster, Context<CephCluster> context) {
    CephClusterStatus status = status(cluster);
    CephClusterSpec spec = cluster.getSpec();
    boolean external = isExternal(spec);
    List<String> ignored = new ArrayList<>(IgnoredFields.of(spec));
    CephEndpoint endpoint = external ? externalEndpoint(cluster) : managed.apply(cluster);
    status.monitors = endpoint.monitors();
    status.ignoredFields = ignored;
    status.observedGeneration = cluster.getMetadata().getGeneration();
    CephConnection ceph;
    try {
      ceph = connections.get(endpoint.connectionSpec());
    } catch (CephException e) {
      String message = "waiting for the monitors " + endpoint.monitors() + ": " + e.getMessage();
      status.phase = Phase.Progressing.name();
      status.message = message;
      Conditions.set(
          status, cluster, Conditions.CEPH_REACHABLE, false, "MonitorsUnreachable", message);
      return UpdateControl.patchStatus(cluster).rescheduleAfter(UNREACHABLE_RETRY);
    }
    Conditions.set(
        status,
        cluster,
        Conditions.CEPH_REACHABLE,
        true,
        "Connected",
        "connected as " + endpoint.user());
    if (!external) {
      ignored.addAll(managed.converge(cluster, ceph));
    }
    status.ceph = health(ceph);
    String namespace = cluster.getMetadata().getNamespace();
    clusters.put(
        namespace,
        new ReadyCluster(
            cluster.getMetadata().getName(),
            status.ceph.fsid,
            endpoint,
            !external,
            status.ceph.health));
    if (spec.csi.enabled) {
      driver.install(cluster, ceph, status.ceph.fsid, endpoint.monitors());
      Conditions.set(
          status,
          cluster,
          Conditions.DRIVER_INSTALLED,
          true,
          "Installed",
          "rbd and cephfs CSI drivers installed");
    } else {
      Conditions.set(
          status,
          cluster,
          Conditions.DRIVER_INSTALLED,
          false,
          "Disabled",
          "spec.csi.enabled is false");
    }
    status.phase = Phase.Ready.name();
    status.message = "Ceph is " + status.ceph.health;
    Conditions.set(status, cluster, Conditions.READY, true, "ClusterReady", status.message);
    return UpdateControl.patchStatus(cluster);
  }

  @Override
  public DeleteControl cleanup(CephCluster cluster, Context<CephCluster> context) {
    String namespace = cluster.getMetadata().getNamespace();
    List<String> blocking = dependents.in(namespace);
    if (!blocking.isEmpty()) {
      reportBlockedDeletion(cluster, blocking);
      return DeleteControl.noFinalizerRemoval().rescheduleAfter(WAIT_FOR_DEPENDENTS);
    }
    CephConnection ceph = clusters.find(namespace).map(c -> reachable(c.endpoint())).orElse(null);
    driver.uninstall(cluster, ceph);
    clusters.remove(namespace);
    events.normal(
        cluster,
        "Uninstalled",
        "removed the CSI driver"
            + (ceph == null ? " (cephx users kept: Ceph unreachable)" : " and its cephx users"));
    return DeleteControl.defaultDelete();
  }

  @Override
  public ErrorStatusUpdateControl<CephCluster> updateErrorStatus(
      CephCluster cluster, Context<CephCluster> context, Exception e) {
    failures.report(cluster, status(cluster), e);
    return ErrorStatusUpdateControl.patchStatus(cluster);
  }

  /** Rook's condition and reason, so what users and their alerts know still applies. */
  private void reportBlockedDeletion(CephCluster cluster, List<String> blocking) {
    String message =
        "deletion waits for "
            + String.join(", ", blocking)
            + ": delete them first, they remove their Ceph pools through this cluster";
    events.warning(cluster, "ObjectHasDependents", message);
    client
        .resource(cluster)
        .editStatus(current -> {
          CephClusterStatus status = status(current);
          status.phase = Phase.Deleting.name();
          status.message = message;
          Conditions.set(
              status,
              current,
              Conditions.DELETION_IS_BLOCKED,
              true,
              "ObjectHasDependents",
              message);
          return current;
        });
  }

  private CephConnection reachable(CephEndpoint endpoint) {
    try {
      return connections.get(endpoint.connectionSpec());
    } catch (CephException e) {
      return null;
    }
  }

  /** Monitors from the spec, the user and key from the Secret it names (userID, userKey). */
  private CephEndpoint externalEndpoint(CephCluster cluster) {
    CephClusterSpec.ExternalSpec external = cluster.getSpec().external;
    String namespace = cluster.getMetadata().getNamespace();
    Secret secret =
        client.secrets().inNamespace(namespace).withName(external.adminSecretName).get();
    if (secret == null) {
      throw new SpecProblem(
          "AdminSecretMissing",
          "spec.external.adminSecretName names Secret "
              + namespace
              + "/"
              + external.adminSecretName
              + ", which does not exist: create it with keys userID and userKey");
    }
    return new CephEndpoint(
        external.monitors, secretValue(secret, "userID"), secretValue(secret, "userKey"));
  }

  private static String secretValue(Secret secret, String key) {
    String encoded = secret.getData() == null ? null : secret.getData().get(key);
    if (encoded == null || encoded.isBlank()) {
      throw new SpecProblem(
          "AdminSecretInvalid",
          "Secret " + secret.getMetadata().getName() + " has no " + key + ": add it");
    }
    return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8).trim();
  }

  private static CephClusterStatus.CephHealth health(CephConnection ceph) {
    Health cluster = new Cluster(ceph).health();
    CephClusterStatus.CephHealth health = new CephClusterStatus.CephHealth();
    health.health = cluster.status();
    health.fsid = cluster.fsid();
    health.capacityBytes = cluster.totalBytes();
    health.usedBytes = cluster.usedBytes();
    health.availableBytes = cluster.availableBytes();
    health.lastChecked = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    return health;
  }

  private static boolean isExternal(CephClusterSpec spec) {
    return spec.external != null && spec.external.enable;
  }

  private static CephClusterStatus status(CephCluster cluster) {
    if (cluster.getStatus() == null) {
      cluster.setStatus(new CephClusterStatus());
    }
    return cluster.getStatus();
  }
}
