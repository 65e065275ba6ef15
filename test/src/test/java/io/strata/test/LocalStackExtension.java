package io.strata.test;

import io.grpc.ManagedChannel;
import io.strata.ceph.CephConnection;
import io.strata.cli.LocalStack;
import io.strata.csi.ClusterAccess;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import io.strata.operator.local.CephRoot;
import io.strata.operator.local.LocalCluster;
import io.strata.operator.local.LocalClusterInfo;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the local stack (one-node Ceph and the four separate plugin processes) once per test run,
 * in {@code target/strata-it} on free ports, and hands tests a {@link Stack}; a suite that needs a
 * one-socket plugin starts it and stops it itself. The stack is stopped when the run ends; its
 * directory stays for the next run to reuse until {@code mvn clean}. Override the directory with
 * {@code -Dstrata.it.dir=...}; run the Ceph daemons of another release with {@code
 * -Dstrata.it.cephRoot=DIR} (a {@link CephRoot}; its cluster gets a directory of its own).
 */
public final class LocalStackExtension implements ParameterResolver {
  /** The system property naming a {@link CephRoot} for the cluster's daemons. */
  public static final String CEPH_ROOT = "strata.it.cephRoot";

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(LocalStackExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == Stack.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .computeIfAbsent(Stack.class, key -> Stack.start(), Stack.class);
  }

  /** The running stack, its admin access and channels to each plugin. */
  public static final class Stack implements AutoCloseable {
    private final LocalStack stack;
    private final LocalStack.Info info;
    private final CephConnection admin;
    private final Map<LocalStack.Plugin, ManagedChannel> channels =
        new EnumMap<>(LocalStack.Plugin.class);

    private Stack(LocalStack stack, LocalStack.Info info) {
      this.stack = stack;
      this.info = info;
      this.admin = CephConnection.open(info.cluster().adminConnection());
    }

    static Stack start() {
      Optional<CephRoot> root = CephRoot.of(System.getProperty(CEPH_ROOT));
      Path dir =
          Path.of(
              System.getProperty(
                  "strata.it.dir",
                  CephRoot.directoryFor(Path.of("target/strata-it"), root).toString()));
      LocalStack stack = new LocalStack(dir, LocalCluster.LOOPBACK, root);
      return new Stack(stack, stack.up());
    }

    public LocalClusterInfo cluster() {
      return info.cluster();
    }

    public LocalStack.Info info() {
      return info;
    }

    /** kill -9 of a plugin process, as a node crash or an OOM kill would do it. */
    public void kill(LocalStack.Plugin plugin) throws java.io.IOException {
      ProcessHandle.of(pid(plugin.processName()))
          .ifPresent(process -> {
            process.destroyForcibly();
            process.onExit().join();
          });
    }

    /** The pid of a process the stack runs: a plugin's processName(), or LocalStack.FUSE_HOLDER. */
    public long pid(String processName) throws java.io.IOException {
      java.nio.file.Path pidFile = stack.cluster().processes().pidFile(processName);
      return Long.parseLong(java.nio.file.Files.readAllLines(pidFile).get(0).strip());
    }

    /**
     * SIGTERM to a plugin, then SIGKILL after a grace, as deleting its pod in a rollout does; its
     * channel stays and reconnects once {@link #restartStopped} starts it again.
     */
    public void terminate(LocalStack.Plugin plugin) {
      stack.stop(EnumSet.of(plugin));
    }

    /** Stops one Ceph daemon ("osd.0", "mon.a"), as an outage would. */
    public void stopDaemon(String name) {
      stack.cluster().processes().stop(java.util.List.of(name), java.time.Duration.ofSeconds(15));
    }

    /** Starts whatever daemon or plugin is not running, as the kubelet restarts a container. */
    public synchronized void restartStopped() {
      stack.up();
      // as the sidecars' connections do, reconnect at once rather than after the backoff
      channels.values().forEach(ManagedChannel::resetConnectBackoff);
    }

    /** The plugins' log files, where no secret may ever appear. */
    public java.nio.file.Path pluginLog(LocalStack.Plugin plugin) {
      return stack.cluster().processes().logFile(plugin.processName());
    }

    /** A connection as client.admin, shared by every test; closed when the run ends. */
    public CephConnection adminConnection() {
      return admin;
    }

    /** CSI secrets for client.admin, as a StorageClass's secret would carry them. */
    public Map<String, String> adminSecrets() {
      return Map.of(ClusterAccess.USER_ID, "admin", ClusterAccess.USER_KEY, cluster().adminKey());
    }

    public synchronized ManagedChannel channel(LocalStack.Plugin plugin) {
      return channels.computeIfAbsent(plugin, p -> CsiChannels.open(stack.endpoint(p)));
    }

    /**
     * Starts a plugin the stack does not run for every suite (a one-socket plugin, which costs a
     * JVM), with extra flags if given, and returns its endpoint once it answers Probe. Stop it with
     * {@link #stop} when done.
     */
    public synchronized Endpoint start(LocalStack.Plugin plugin, String... extraArgs) {
      return stack.up(EnumSet.of(plugin), List.of(extraArgs)).endpoints().get(plugin);
    }

    /** Stops a plugin {@link #start} started; the cluster and the other plugins keep running. */
    public synchronized void stop(LocalStack.Plugin plugin) {
      ManagedChannel channel = channels.remove(plugin);
      if (channel != null) {
        channel.shutdownNow();
      }
      stack.stop(EnumSet.of(plugin));
    }

    @Override
    public void close() {
      channels.values().forEach(ManagedChannel::shutdownNow);
      admin.close();
      stack.down();
    }
  }
}
