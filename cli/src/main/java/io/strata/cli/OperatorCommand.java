package io.strata.cli;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfiguration;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strata.ceph.CephConnections;
import io.strata.csi.server.MetricsServer;
import io.strata.csi.server.PluginMetrics;
import io.strata.operator.k8s.CephBlockPoolReconciler;
import io.strata.operator.k8s.CephClusterReconciler;
import io.strata.operator.k8s.CephFilesystemReconciler;
import io.strata.operator.k8s.ClusterRegistry;
import io.strata.operator.k8s.EventRecorder;
import io.strata.operator.k8s.LeaderLease;
import io.strata.operator.k8s.OwnImage;
import io.strata.operator.k8s.StorageClasses;
import io.strata.operator.k8s.driver.DriverInstaller;
import io.strata.operator.k8s.managed.ManagedCluster;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code strata operator}: reconciles CephCluster, CephBlockPool and CephFilesystem resources. */
@Command(
    name = "operator",
    description =
        "Run the operator: Ceph daemons, pools, filesystems and the CSI driver from the"
            + " ceph.strata.io resources, with the cluster in $KUBECONFIG or the pod's account.")
final class OperatorCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(OperatorCommand.class);
  private static final String LEASE_NAME = "strata-operator";

  @Option(
      names = "--leader-election-namespace",
      description =
          "Namespace of the Lease replicas elect a leader with (default: the pod's namespace,"
              + " $POD_NAMESPACE); without one, no election: run a single replica.")
  String leaderElectionNamespace;

  @Option(
      names = "--driver-image",
      description =
          "strata image for the CSI driver when a CephCluster names none (default: this pod's"
              + " own image, from $POD_NAME/$POD_NAMESPACE).")
  String driverImage;

  @Option(
      names = "--ceph-image",
      defaultValue = ManagedCluster.DEFAULT_CEPH_IMAGE,
      description = "Ceph image for managed clusters' daemons (default: ${DEFAULT-VALUE}).")
  String cephImage;

  @Option(
      names = "--metrics-address",
      description = "Serve /metrics and /healthz over HTTP on host:port. Off unless given.")
  String metricsAddress;

  @Option(
      names = "--log-format",
      defaultValue = "text",
      description = "Log lines on stderr: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  PluginOptions.LogFormat logFormat;

  @Override
  public Integer call() throws Exception {
    PluginRunner.useLogFormat(logFormat);
    try (KubernetesClient client = new KubernetesClientBuilder().build();
        CephConnections connections = new CephConnections()) {
      String image = driverImage != null ? driverImage : OwnImage.of(client).orElse("strata");
      ClusterRegistry clusters = new ClusterRegistry();
      EventRecorder events = new EventRecorder(client);
      StorageClasses storageClasses = new StorageClasses(client);
      ManagedCluster managed = new ManagedCluster(client, cephImage);
      Operator operator =
          new Operator(overrider -> {
            overrider.withKubernetesClient(client);
            // JOSDK 5 patches status and finalizers by server-side apply unless told; the merge
            // patches of 4.x are what a real API server was shown to take (OperatorE2E), so they
            // stay until the e2e suite has run the apply path
            overrider.withUseSSAToPatchPrimaryResource(false);
            leaseNamespace()
                .ifPresent(ns ->
                    overrider.withLeaderElectionConfiguration(
                        new LeaderElectionConfiguration(LEASE_NAME, ns)));
          });
      operator.register(
          new CephClusterReconciler(
              client, clusters, connections, managed, new DriverInstaller(client, image), events));
      operator.register(new CephBlockPoolReconciler(clusters, connections, storageClasses, events));
      operator.register(
          new CephFilesystemReconciler(
              client, clusters, connections, managed, storageClasses, events));
      Optional<LeaderLease> lease =
          leaseNamespace()
              .map(ns ->
                  new LeaderLease(
                      client,
                      ns,
                      LEASE_NAME,
                      LeaderElectionConfiguration.LEASE_DURATION_DEFAULT_VALUE,
                      Clock.systemUTC()));
      PrometheusMeterRegistry metrics = PluginMetrics.registry();
      try (MetricsServer server =
          metricsAddress == null
              ? null
              : MetricsServer.start(
                  MetricsServer.parseAddress(metricsAddress),
                  metrics,
                  () ->
                      operator.getRuntimeInfo().allEventSourcesAreHealthy()
                          ? lease.flatMap(LeaderLease::problem)
                          : Optional.of("an informer lost its watch on the API server"))) {
        operator.start();
        LOG.info("operator started, driver image {}", image);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(() -> {
                  operator.stop();
                  stopped.countDown();
                }));
        stopped.await();
      }
    }
    return 0;
  }

  private Optional<String> leaseNamespace() {
    return Optional.ofNullable(
        leaderElectionNamespace != null ? leaderElectionNamespace : System.getenv("POD_NAMESPACE"));
  }
}
