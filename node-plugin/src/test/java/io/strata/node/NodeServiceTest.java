package io.strata.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeGetCapabilitiesRequest;
import csi.v1.NodeGetInfoRequest;
import csi.v1.NodeGetInfoResponse;
import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeServiceCapability.RPC.Type;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.FakeRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** The RPCs that need no devices, through gRPC so that statuses are what a CO sees. */
class NodeServiceTest {
  @TempDir Path dir;
  private Server server;
  private ManagedChannel channel;
  private NodeGrpc.NodeBlockingStub node;
  private final FakeRunner runner = new FakeRunner();

  @BeforeEach
  void setUp() throws Exception {
    node = serve(NodePlugin::rbd);
  }

  private interface Factory {
    NodePlugin create(
        NodeConfig config, ClusterConfigs clusters, FakeRunner runner, CephArgs cephArgs);
  }

  private NodeGrpc.NodeBlockingStub serve(Factory factory) throws Exception {
    if (channel != null) {
      tearDown();
    }
    NodeConfig config =
        NodeConfig.of("node-a", dir.resolve("state"))
            .withTopology(Map.of("topology.strata.io/zone", "z1"))
            .withMaxVolumes(32);
    ClusterConfigs clusters =
        new ClusterConfigs(List.of(new ClusterConfig("c1", List.of("10.0.0.1:6789"), null, null)));
    String name = InProcessServerBuilder.generateName();
    server =
        InProcessServerBuilder.forName(name)
            .directExecutor()
            .addService(factory.create(config, clusters, runner, CephArgs.defaults()).service())
            .build()
            .start();
    channel = InProcessChannelBuilder.forName(name).directExecutor().build();
    return NodeGrpc.newBlockingStub(channel);
  }

  @AfterEach
  void tearDown() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  @Test
  void advertisesExactlyWhatItImplements() {
    List<Type> types = capabilities();
    assertEquals(
        List.of(
            Type.STAGE_UNSTAGE_VOLUME,
            Type.GET_VOLUME_STATS,
            Type.EXPAND_VOLUME,
            Type.VOLUME_CONDITION),
        types);
  }

  @Test
  void cephFsAdvertisesNoExpansionAndRefusesBlock() throws Exception {
    node = serve(NodePlugin::cephfs);
    List<Type> types = capabilities();
    assertEquals(
        List.of(Type.STAGE_UNSTAGE_VOLUME, Type.GET_VOLUME_STATS, Type.VOLUME_CONDITION), types);
    code(
        Status.Code.UNIMPLEMENTED,
        () ->
            node.nodeExpandVolume(
                NodeExpandVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setVolumePath(dir.toString())
                    .build()));
    code(
        Status.Code.INVALID_ARGUMENT,
        () ->
            node.nodeStageVolume(
                NodeRequestsTest.stage()
                    .setVolumeCapability(
                        NodeRequestsTest.block(
                            csi.v1.VolumeCapability.AccessMode.Mode.MULTI_NODE_MULTI_WRITER))
                    .putVolumeContext("fsName", "fs")
                    .putVolumeContext("subvolumePath", "/volumes/csi/v/1")
                    .build()));
    code(
        Status.Code.INVALID_ARGUMENT,
        () -> node.nodeStageVolume(NodeRequestsTest.stage().build()),
        "no fsName");
    assertEquals(List.of(), runner.argvs());
  }

  @Test
  void reportsNodeIdLimitAndTopology() {
    NodeGetInfoResponse info = node.nodeGetInfo(NodeGetInfoRequest.getDefaultInstance());
    assertEquals("node-a", info.getNodeId());
    assertEquals(32, info.getMaxVolumesPerNode());
    assertEquals(
        Map.of("topology.strata.io/zone", "z1"), info.getAccessibleTopology().getSegmentsMap());
  }

  @Test
  void answersUnknownVolumesWithoutTouchingAnything() throws Exception {
    Path target = dir.resolve("target");
    code(
        Status.Code.FAILED_PRECONDITION,
        () ->
            node.nodePublishVolume(
                NodePublishVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setStagingTargetPath("/s")
                    .setTargetPath(target.toString())
                    .setVolumeCapability(
                        NodeRequestsTest.mount(
                            "", csi.v1.VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
                    .build()));
    code(
        Status.Code.NOT_FOUND,
        () ->
            node.nodeGetVolumeStats(
                NodeGetVolumeStatsRequest.newBuilder()
                    .setVolumeId("v")
                    .setVolumePath(target.toString())
                    .build()));
    code(
        Status.Code.NOT_FOUND,
        () ->
            node.nodeUnpublishVolume(
                NodeUnpublishVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setTargetPath(target.toString())
                    .build()));
    node.nodeUnstageVolume(
        NodeUnstageVolumeRequest.newBuilder()
            .setVolumeId("v")
            .setStagingTargetPath(dir.resolve("staging").toString())
            .build());
    assertEquals(List.of(), runner.argvs());
    assertEquals(false, Files.exists(target));
  }

  @Test
  void validatesEveryRequest() {
    code(
        Status.Code.INVALID_ARGUMENT,
        () ->
            node.nodeUnstageVolume(NodeUnstageVolumeRequest.newBuilder().setVolumeId("v").build()));
    code(
        Status.Code.INVALID_ARGUMENT,
        () ->
            node.nodeUnpublishVolume(
                NodeUnpublishVolumeRequest.newBuilder().setTargetPath("/t").build()));
    code(
        Status.Code.INVALID_ARGUMENT,
        () ->
            node.nodeGetVolumeStats(
                NodeGetVolumeStatsRequest.newBuilder().setVolumeId("v").build()));
    code(
        Status.Code.INVALID_ARGUMENT,
        () -> node.nodeStageVolume(NodeRequestsTest.stage().clearVolumeCapability().build()));
  }

  @Test
  void refusesEveryPathNotAbsoluteAndNormalWithoutTouchingAnything() {
    Path target = dir.resolve("target");
    String dotted = dir + "/elsewhere/../target";
    notNormal(
        "staging_target_path",
        () -> node.nodeStageVolume(NodeRequestsTest.stage().setStagingTargetPath(dotted).build()));
    notNormal(
        "staging_target_path",
        () ->
            node.nodeUnstageVolume(
                NodeUnstageVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setStagingTargetPath(dir + "/staging/")
                    .build()));
    notNormal(
        "target_path",
        () ->
            node.nodePublishVolume(
                NodePublishVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setStagingTargetPath("/s")
                    .setTargetPath(dotted)
                    .setVolumeCapability(
                        NodeRequestsTest.mount(
                            "", csi.v1.VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
                    .build()));
    notNormal(
        "target_path",
        () ->
            node.nodeUnpublishVolume(
                NodeUnpublishVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setTargetPath(dir + "//target")
                    .build()));
    notNormal(
        "volume_path",
        () ->
            node.nodeGetVolumeStats(
                NodeGetVolumeStatsRequest.newBuilder()
                    .setVolumeId("v")
                    .setVolumePath(dotted)
                    .build()));
    notNormal(
        "staging_target_path",
        () ->
            node.nodeExpandVolume(
                NodeExpandVolumeRequest.newBuilder()
                    .setVolumeId("v")
                    .setVolumePath(target.toString())
                    .setStagingTargetPath("/s/./t")
                    .build()));
    assertEquals(List.of(), runner.argvs());
    assertFalse(Files.exists(target));
  }

  private static void notNormal(String field, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call, field);
    assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode(), field);
    String message = e.getStatus().getDescription();
    assertTrue(message.startsWith(field + " must be an absolute, normalised path"), message);
  }

  private List<Type> capabilities() {
    return node
        .nodeGetCapabilities(NodeGetCapabilitiesRequest.getDefaultInstance())
        .getCapabilitiesList()
        .stream()
        .map(c -> c.getRpc().getType())
        .toList();
  }

  private static void code(Status.Code expected, Executable call) {
    code(expected, call, "");
  }

  private static void code(Status.Code expected, Executable call, String why) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call, why);
    assertEquals(expected, e.getStatus().getCode(), why + ": " + e.getStatus());
  }
}
