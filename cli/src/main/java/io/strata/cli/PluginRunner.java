package io.strata.cli;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import csi.v1.PluginCapability;
import io.grpc.BindableService;
import io.grpc.ServerInterceptor;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.strata.ceph.CephCallObserver;
import io.strata.ceph.CephConnections;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.ClusterAccess;
import io.strata.csi.identity.IdentityService;
import io.strata.csi.identity.MonitorReachability;
import io.strata.csi.identity.PluginInfo;
import io.strata.csi.identity.Readiness;
import io.strata.csi.server.CallLogger;
import io.strata.csi.server.CallMetrics;
import io.strata.csi.server.CephCallTimers;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.MetricsServer;
import io.strata.csi.server.PluginMetrics;
import io.strata.csi.server.PluginServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Wires a plugin from its flags and serves until SIGTERM. */
final class PluginRunner {
  private static final Logger LOG = LoggerFactory.getLogger(PluginRunner.class);
  private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(2);

  /** The plugin-specific services, the capabilities they earn, and the plugin's own gauges. */
  record Services(
      List<BindableService> services, List<PluginCapability> capabilities, MeterBinder meters) {
    Services(List<BindableService> services, List<PluginCapability> capabilities) {
      this(services, capabilities, registry -> {});
    }

    /** Both sets of services in one plugin: the union of their capabilities, both meters. */
    Services and(Services other) {
      List<BindableService> both = new ArrayList<>(services);
      both.addAll(other.services);
      List<PluginCapability> union =
          Stream.concat(capabilities.stream(), other.capabilities.stream()).distinct().toList();
      return new Services(
          both,
          union,
          registry -> {
            meters.bindTo(registry);
            other.meters.bindTo(registry);
          });
    }
  }

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
    useLogFormat(options.logFormat);
    ClusterConfigs clusters = ClusterConfigs.read(options.clusterConfig);
    // Probe and /healthz share one readiness check, so both always agree
    Readiness readiness = new MonitorReachability(clusters, PROBE_TIMEOUT);
    PrometheusMeterRegistry metrics =
        options.metricsAddress == null ? null : PluginMetrics.registry();
    try (CephConnections connections =
            new CephConnections(
                metrics == null ? CephCallObserver.NONE : new CephCallTimers(metrics));
        MetricsServer metricsServer =
            metrics == null
                ? null
                : MetricsServer.start(
                    MetricsServer.parseAddress(options.metricsAddress), metrics, readiness)) {
      Services services =
          plugin.apply(
              new Clusters(clusters, new ClusterAccess(clusters, connections, ownSecrets)));
      if (metrics != null) {
        services.meters().bindTo(metrics);
      }
      List<BindableService> all =
          withIdentity(PluginInfo.of(options.driverName()), services, readiness);
      List<ServerInterceptor> interceptors = new ArrayList<>(List.of(new CallLogger()));
      if (metrics != null) {
        interceptors.add(new CallMetrics(metrics));
      }
      PluginServer server =
          new PluginServer(Endpoint.parse(options.endpoint), all, interceptors, options.workers)
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

  /** What a plugin serves: Identity, advertising the services' capabilities, and the services. */
  static List<BindableService> withIdentity(
      PluginInfo info, Services services, Readiness readiness) {
    List<BindableService> all = new ArrayList<>();
    all.add(new IdentityService(info, services.capabilities(), readiness));
    all.addAll(services.services());
    return all;
  }

  /**
   * Swaps logback's configuration for the JSON one. Logging starts before flags are parsed (with
   * logback.xml), so the choice is applied here, first thing, by loading logback-json.xml.
   */
  static void useLogFormat(PluginOptions.LogFormat format) throws JoranException {
    ILoggerFactory factory = LoggerFactory.getILoggerFactory();
    if (format != PluginOptions.LogFormat.json || !(factory instanceof LoggerContext context)) {
      return;
    }
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    context.reset();
    configurator.doConfigure(PluginRunner.class.getResource("/logback-json.xml"));
  }
}
