package io.strata.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import csi.v1.IdentityGrpc;
import csi.v1.ProbeRequest;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.strata.csi.ClusterAccess;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import io.strata.operator.local.CephRoot;
import io.strata.operator.local.LocalCluster;
import io.strata.operator.local.LocalClusterInfo;
import io.strata.operator.local.LocalProcesses;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The local development stack: a one-node cluster and the four plugin processes (rbd and cephfs,
 * controller and node) on unix sockets in the cluster's directory, and on request the one-socket
 * plugins ({@code strata plugin}, one per backend). Node plugins start their FUSE daemons in a FUSE
 * holder process ({@code strata fuse-holder}), as on Kubernetes. The plugins and the holder run
 * under the cluster's process supervisor, so {@link LocalCluster#down()} stops them too.
 */
public final class LocalStack {
  private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  /** The FUSE holder's name under the cluster's process supervisor. */
  public static final String FUSE_HOLDER = "csi/fuse-holder";

  /** What a plugin process serves besides Identity: its {@code strata} subcommand. */
  enum Role {
    CONTROLLER("controller", true, false),
    NODE("node", false, true),
    ONE_SOCKET("plugin", true, true);

    private final String command;
    private final boolean controller;
    private final boolean node;

    Role(String command, boolean controller, boolean node) {
      this.command = command;
      this.controller = controller;
      this.node = node;
    }
  }

  /** The plugin processes a local stack runs. */
  public enum Plugin {
    RBD_CONTROLLER("rbd", Role.CONTROLLER),
    RBD_NODE("rbd", Role.NODE),
    CEPHFS_CONTROLLER("cephfs", Role.CONTROLLER),
    CEPHFS_NODE("cephfs", Role.NODE),
    /** Identity, Controller and Node on one socket; started only when asked for. */
    RBD_PLUGIN("rbd", Role.ONE_SOCKET),
    CEPHFS_PLUGIN("cephfs", Role.ONE_SOCKET);

    /** What {@link #up()} starts: the separate controller and node plugins. */
    public static final Set<Plugin> SEPARATE =
        Collections.unmodifiableSet(
            EnumSet.of(RBD_CONTROLLER, RBD_NODE, CEPHFS_CONTROLLER, CEPHFS_NODE));

    private final String type;
    private final Role role;

    Plugin(String type, Role role) {
      this.type = type;
      this.role = role;
    }

    public String type() {
      return type;
    }

    /** The name the cluster's process supervisor knows the plugin by. */
    public String processName() {
      return "csi/" + fileName();
    }

    private String fileName() {
      return type + "-" + role.command;
    }
  }

  /** What a user or a test needs to talk to the stack. */
  public record Info(
      LocalClusterInfo cluster, Path clusterConfig, Map<Plugin, Endpoint> endpoints) {}

  private final LocalCluster cluster;

  public LocalStack(Path directory) {
    this(directory, LocalCluster.LOOPBACK);
  }

  /** A stack whose cluster, when it is made, listens on {@code address}. */
  public LocalStack(Path directory, String address) {
    this(directory, address, Optional.empty());
  }

  /** ... whose Ceph daemons, when it is made, come from {@code cephRoot} (the host's if empty). */
  public LocalStack(Path directory, String address, Optional<CephRoot> cephRoot) {
    this.cluster = new LocalCluster(directory.toAbsolutePath(), address, cephRoot);
  }

  public LocalCluster cluster() {
    return cluster;
  }

  /** Starts (or reuses) the cluster and the separate plugins, and returns once all answer Probe. */
  public Info up() {
    return up(Plugin.SEPARATE);
  }

  /**
   * Starts (or reuses) the cluster and the given plugins, and returns once all answer Probe; the
   * info's endpoints are those of the given plugins.
   */
  public Info up(Set<Plugin> plugins) {
    return up(plugins, List.of());
  }

  /** {@link #up(Set)}, with {@code extraArgs} added to the command line of each plugin started. */
  public Info up(Set<Plugin> plugins, List<String> extraArgs) {
    LocalClusterInfo info = cluster.up();
    Path config = writeClusterConfig(info);
    Path controllerSecrets = writeControllerSecrets(info);
    Map<Plugin, Endpoint> endpoints = new EnumMap<>(Plugin.class);
    LocalProcesses processes = cluster.processes();
    if (plugins.stream().anyMatch(p -> p.role.node)) {
      startFuseHolder();
    }
    for (Plugin plugin : plugins) {
      Endpoint endpoint = endpoint(plugin);
      endpoints.put(plugin, endpoint);
      if (!processes.isRunning(plugin.processName())) {
        processes.start(
            plugin.processName(),
            command(plugin, endpoint, config, controllerSecrets, extraArgs),
            environment(plugin));
      }
    }
    endpoints.forEach(this::awaitReady);
    return new Info(info, config, endpoints);
  }

  /** Stops the given plugins (SIGTERM, then SIGKILL after a grace); the rest keeps running. */
  public void stop(Set<Plugin> plugins) {
    cluster.processes().stop(plugins.stream().map(Plugin::processName).toList(), STOP_GRACE);
  }

  public void down() {
    cluster.down();
  }

  /** The FUSE holder's socket, which the node plugins' {@code --fuse-holder} names. */
  public Endpoint fuseHolderEndpoint() {
    return new Endpoint.Unix(cluster.directory().resolve("sockets").resolve("fuse-holder.sock"));
  }

  /** Starts the FUSE holder unless it runs, and returns once its socket is bound. */
  public void startFuseHolder() {
    LocalProcesses processes = cluster.processes();
    Path socket = ((Endpoint.Unix) fuseHolderEndpoint()).path();
    if (!processes.isRunning(FUSE_HOLDER)) {
      List<String> command = new ArrayList<>(java(List.of("-XX:+UseSerialGC", "-Xmx32m")));
      command.addAll(
          List.of(
              "fuse-holder",
              "--endpoint",
              fuseHolderEndpoint().uri(),
              "--allowed-dir",
              cluster.directory().toString()));
      processes.start(FUSE_HOLDER, command);
    }
    awaitSocket(FUSE_HOLDER, socket);
  }

  public Endpoint endpoint(Plugin plugin) {
    Path socket = cluster.directory().resolve("sockets").resolve(plugin.fileName() + ".sock");
    return new Endpoint.Unix(socket);
  }

  /** The same classes this JVM runs, as a separate process per plugin. */
  List<String> command(
      Plugin plugin,
      Endpoint endpoint,
      Path config,
      Path controllerSecrets,
      List<String> extraArgs) {
    List<String> command = new ArrayList<>(java(javaOptions(plugin)));
    command.add(plugin.role.command);
    command.addAll(List.of("--type", plugin.type, "--endpoint", endpoint.uri()));
    command.addAll(List.of("--cluster-config", config.toString()));
    if (plugin.role.controller) {
      command.addAll(List.of("--secrets-dir", controllerSecrets.toString()));
    }
    if (plugin.role.node) {
      command.addAll(List.of("--node-id", hostname()));
      // each node-serving process keeps its own stage records, as two nodes would
      Path state = cluster.directory().resolve("state").resolve(plugin.fileName());
      command.addAll(List.of("--state-dir", state.toString()));
      command.addAll(List.of("--fuse-holder", fuseHolderEndpoint().uri()));
    }
    command.addAll(extraArgs);
    return command;
  }

  /** {@code strata} on the classes this JVM runs, with the given JVM flags. */
  private static List<String> java(List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(jvmOptions);
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(StrataCommand.class.getName());
    return command;
  }

  /**
   * The JVM flags the deploy/ manifests give each plugin (JDK_JAVA_OPTIONS): a heap sized to what
   * the plugin keeps live (the node holds almost nothing; SerialGC touches every page of a young
   * generation sized from -Xmx), C1 only for a fast start.
   */
  private static List<String> javaOptions(Plugin plugin) {
    String heap = plugin.role.controller ? "-Xmx128m" : "-Xmx64m";
    return List.of("-XX:+UseSerialGC", heap, "-XX:TieredStopAtLevel=1");
  }

  /** The controllers' librados threads would each get a glibc malloc arena; two are enough. */
  private static Map<String, String> environment(Plugin plugin) {
    return plugin.role.controller ? Map.of("MALLOC_ARENA_MAX", "2") : Map.of();
  }

  /**
   * The plugins' cluster config. Monitors are marked msgr2 ("v2:host:port"): on a port other than
   * Ceph's 3300 or 6789 a bare address is tried with both protocols, and a refused key is then
   * retried until the mount timeout instead of failing at once, as it does on the standard ports.
   */
  private Path writeClusterConfig(LocalClusterInfo info) {
    Path file = cluster.directory().resolve("csi-config.json");
    Map<String, Object> entry =
        Map.of(
            "clusterID", info.fsid(),
            "monitors", info.monitors().stream().map(monitor -> "v2:" + monitor).toList(),
            "cephFS", Map.of("subvolumeGroup", info.subvolumeGroup()));
    try {
      Files.writeString(file, new ObjectMapper().writeValueAsString(List.of(entry)));
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("write " + file, e);
    }
  }

  /** The admin user as the controllers' own credentials, laid out as a mounted Secret is. */
  private Path writeControllerSecrets(LocalClusterInfo info) {
    Path directory = cluster.directory().resolve("secrets").resolve("controller");
    try {
      Files.createDirectories(
          directory,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      writePrivate(directory.resolve(ClusterAccess.USER_ID), "admin");
      writePrivate(directory.resolve(ClusterAccess.USER_KEY), info.adminKey());
      return directory;
    } catch (IOException e) {
      throw new UncheckedIOException("write " + directory, e);
    }
  }

  private static void writePrivate(Path file, String content) throws IOException {
    Files.deleteIfExists(file);
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, content);
  }

  private void awaitReady(Plugin plugin, Endpoint endpoint) {
    Path socket = ((Endpoint.Unix) endpoint).path();
    await(plugin.processName(), () -> Files.exists(socket) && probeReady(endpoint));
  }

  private void awaitSocket(String name, Path socket) {
    await(name, () -> Files.exists(socket));
  }

  private void await(String name, BooleanSupplier ready) {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!cluster.processes().isRunning(name)) {
        throw new IllegalStateException(name + " exited; see " + cluster.processes().logFile(name));
      }
      if (ready.getAsBoolean()) {
        return;
      }
      pause();
    }
    throw new IllegalStateException(
        name
            + " not ready within "
            + READY_TIMEOUT.toSeconds()
            + " s; see "
            + cluster.processes().logFile(name));
  }

  private static boolean probeReady(Endpoint endpoint) {
    ManagedChannel channel = CsiChannels.open(endpoint);
    try {
      return IdentityGrpc.newBlockingStub(channel)
          .withDeadlineAfter(5, TimeUnit.SECONDS)
          .probe(ProbeRequest.getDefaultInstance())
          .getReady()
          .getValue();
    } catch (StatusRuntimeException e) {
      return false;
    } finally {
      channel.shutdownNow();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100); // polling a process we just started; the socket appears when it binds
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for plugins", e);
    }
  }

  private static String hostname() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }
}
