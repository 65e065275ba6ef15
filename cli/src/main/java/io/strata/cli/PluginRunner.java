package io.strata.cli;

import csi.v1.PluginCapability;
import io.grpc.BindableService;
import io.strata.ceph.CephConnections;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.ClusterAccess;
import io.strata.csi.identity.IdentityService;
import io.strata.csi.identity.MonitorReachability;
import io.strata.csi.identity.PluginInfo;
import io.strata.csi.server.CallLogger;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires a plugin from its flags and serves until SIGTERM. */
final class PluginRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRunner.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** The plugin-specific services and the capabilities they earn. */
  record Services(List<BindableService> services, List<PluginCapability> capabilities) {}

  /** What plugin services are built from: the cluster config and connections to it. */
  record Clusters(ClusterConfigs configs, ClusterAccess access) {}

  private PluginRunner() {}

  static int serve(PluginOptions options, Function<Clusters, Services> plugin) throws Exception {
    return serve(options, Map.of(), plugin);
  }

  /**
   * @param ownSecrets the plugin's own cephx user, for RPCs that carry no secrets; empty for none
   */
  static int serve(
      PluginOptions options, Map<String, String> ownSecrets, Function<Clusters, Services> plugin)
      throws Exception {
    long started = System.nanoTime();
    ClusterConfigs clusters = ClusterConfigs.read(options.clusterConfig);
    try (CephConnections connections = new CephConnections()) {
      Services services =
          plugin.apply(
              new Clusters(clusters, new ClusterAccess(clusters, connections, ownSecrets)));
      IdentityService identity =
          new IdentityService(
              PluginInfo.of(options.driverName()),
              services.capabilities(),
              new MonitorReachability(clusters, PROBE_TIMEOUT));
      List<BindableService> all = new ArrayList<>();
      all.add(identity);
      all.addAll(services.services());
      PluginServer server =
          new PluginServer(
                  Endpoint.parse(options.endpoint), all, List.of(new CallLogger()), options.workers)
              .start();
      LOG.info(
          "{} ({}) serving in {} ms",
          options.driverName(),
          options.type,
          (System.nanoTime() - started) / 1_000_000);
      server.awaitTermination();
    }
    return 0;
  }
}
