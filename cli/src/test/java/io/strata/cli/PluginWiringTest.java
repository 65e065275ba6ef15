package io.strata.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.ControllerGetCapabilitiesRequest;
import csi.v1.ControllerGrpc;
import csi.v1.ControllerServiceCapability;
import csi.v1.GetPluginCapabilitiesRequest;
import csi.v1.IdentityGrpc;
import csi.v1.NodeGetCapabilitiesRequest;
import csi.v1.NodeGetInfoRequest;
import csi.v1.NodeGetInfoResponse;
import csi.v1.NodeGrpc;
import csi.v1.NodeServiceCapability;
import csi.v1.PluginCapability;
import io.grpc.BindableService;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.strata.ceph.CephConnections;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.ClusterAccess;
import io.strata.csi.identity.IdentityService;
import io.strata.csi.identity.PluginInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * What each plugin command binds and advertises, parsed from its flags as {@code strata} parses
 * them and served in-process; nothing here talks to Ceph.
 */
class PluginWiringTest {
  private static final PluginCapability CONTROLLER_SERVICE = IdentityService.controllerService();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(PluginOptions.Type.class)
  void onePluginServesIdentityControllerAndNodeOnOneServer(PluginOptions.Type type)
      throws Exception {
    PluginCommand command =
        parse(
            PluginCommand.class,
            "plugin",
            "--type",
            type.name(),
            "--endpoint",
            "unix://" + dir.resolve("csi.sock"),
            "--cluster-config",
            clusterConfig().toString(),
            "--secrets-dir",
            controllerSecrets().toString(),
            "--clone-depth-limit",
            "4",
            "--node-id",
            "node-1",
            "--state-dir",
            dir.resolve("state").toString(),
            "--max-volumes",
            "7");
    PluginRunner.Services services =
        command.services(clusters(command.options, command.controller.ownSecrets()));
    try (Served served = new Served(services)) {
      assertEquals(List.of("csi.v1.Identity", "csi.v1.Controller", "csi.v1.Node"), served.names);
      assertEquals(List.of(CONTROLLER_SERVICE), served.pluginCapabilities());
      List<ControllerServiceCapability.RPC.Type> controller = served.controllerCapabilities();
      assertTrue(controller.contains(ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME));
      assertTrue(
          controller.contains(ControllerServiceCapability.RPC.Type.LIST_VOLUMES),
          "--secrets-dir reached the controller: " + controller);
      assertTrue(
          served.nodeCapabilities().contains(NodeServiceCapability.RPC.Type.STAGE_UNSTAGE_VOLUME));
      NodeGetInfoResponse info =
          NodeGrpc.newBlockingStub(served.channel)
              .nodeGetInfo(NodeGetInfoRequest.getDefaultInstance());
      assertEquals("node-1", info.getNodeId());
      assertEquals(7, info.getMaxVolumesPerNode());
    }
  }

  @Test
  void controllerCommandServesIdentityAndControllerOnly() throws Exception {
    ControllerCommand command =
        parse(
            ControllerCommand.class,
            "controller",
            "--type",
            "rbd",
            "--cluster-config",
            clusterConfig().toString());
    try (Served served = new Served(command.services(clusters(command.options, Map.of())))) {
      assertEquals(List.of("csi.v1.Identity", "csi.v1.Controller"), served.names);
      assertEquals(List.of(CONTROLLER_SERVICE), served.pluginCapabilities());
      assertTrue(
          !served
              .controllerCapabilities()
              .contains(ControllerServiceCapability.RPC.Type.LIST_VOLUMES),
          "no --secrets-dir, no ListVolumes");
    }
  }

  @Test
  void nodeCommandServesIdentityAndNodeOnly() throws Exception {
    NodeCommand command =
        parse(
            NodeCommand.class,
            "node",
            "--type",
            "cephfs",
            "--cluster-config",
            clusterConfig().toString(),
            "--node-id",
            "node-2",
            "--state-dir",
            dir.resolve("state").toString());
    try (Served served = new Served(command.services(clusters(command.options, Map.of())))) {
      assertEquals(List.of("csi.v1.Identity", "csi.v1.Node"), served.names);
      assertEquals(List.of(), served.pluginCapabilities());
    }
  }

  @Test
  void pluginCommandNeedsTheNodeId() {
    assertThrows(
        CommandLine.MissingParameterException.class,
        () -> parse(PluginCommand.class, "plugin", "--type", "rbd"));
  }

  @Test
  void combinedServicesAdvertiseEachCapabilityOnce() {
    PluginRunner.Services controller =
        new PluginRunner.Services(List.of(), List.of(CONTROLLER_SERVICE));
    assertEquals(
        List.of(CONTROLLER_SERVICE),
        controller.and(controller).capabilities(),
        "a capability both halves earn is advertised once");
    assertEquals(
        List.of(CONTROLLER_SERVICE),
        controller.and(new PluginRunner.Services(List.of(), List.of())).capabilities());
  }

  private static <T> T parse(Class<T> type, String... args) {
    CommandLine.ParseResult result = new CommandLine(new StrataCommand()).parseArgs(args);
    return type.cast(result.subcommand().commandSpec().userObject());
  }

  private Path clusterConfig() throws IOException {
    return Files.writeString(
        dir.resolve("config.json"),
        "[{\"clusterID\": \"c1\", \"monitors\": [\"127.0.0.1:1\"],"
            + " \"cephFS\": {\"subvolumeGroup\": \"csi\"}}]");
  }

  private Path controllerSecrets() throws IOException {
    Path secrets = Files.createDirectories(dir.resolve("secrets"));
    Files.writeString(secrets.resolve(ClusterAccess.USER_ID), "admin\n");
    Files.writeString(secrets.resolve(ClusterAccess.USER_KEY), "AQD0key==\n");
    return secrets;
  }

  private static PluginRunner.Clusters clusters(PluginOptions options, Map<String, String> own)
      throws IOException {
    ClusterConfigs configs = ClusterConfigs.read(options.clusterConfig);
    return new PluginRunner.Clusters(
        configs, new ClusterAccess(configs, new CephConnections(), own));
  }

  /** The services as PluginRunner binds them, on an in-process server, and a channel to it. */
  private static final class Served implements AutoCloseable {
    final List<String> names = new ArrayList<>();
    final Server server;
    final ManagedChannel channel;

    Served(PluginRunner.Services services) throws IOException {
      String name = InProcessServerBuilder.generateName();
      InProcessServerBuilder builder = InProcessServerBuilder.forName(name).directExecutor();
      for (BindableService service :
          PluginRunner.withIdentity(PluginInfo.of("test.csi"), services, Optional::empty)) {
        names.add(service.bindService().getServiceDescriptor().getName());
        builder.addService(service);
      }
      server = builder.build().start();
      channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    }

    List<PluginCapability> pluginCapabilities() {
      return IdentityGrpc.newBlockingStub(channel)
          .getPluginCapabilities(GetPluginCapabilitiesRequest.getDefaultInstance())
          .getCapabilitiesList();
    }

    List<ControllerServiceCapability.RPC.Type> controllerCapabilities() {
      return ControllerGrpc.newBlockingStub(channel)
          .controllerGetCapabilities(ControllerGetCapabilitiesRequest.getDefaultInstance())
          .getCapabilitiesList()
          .stream()
          .map(capability -> capability.getRpc().getType())
          .toList();
    }

    List<NodeServiceCapability.RPC.Type> nodeCapabilities() {
      return NodeGrpc.newBlockingStub(channel)
          .nodeGetCapabilities(NodeGetCapabilitiesRequest.getDefaultInstance())
          .getCapabilitiesList()
          .stream()
          .map(capability -> capability.getRpc().getType())
          .toList();
    }

    @Override
    public void close() {
      channel.shutdownNow();
      server.shutdownNow();
    }
  }
}
