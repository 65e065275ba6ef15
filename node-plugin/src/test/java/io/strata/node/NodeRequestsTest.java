package io.strata.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.grpc.Status;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.CsiException;
import io.strata.csi.id.CsiId;
import io.strata.node.state.AccessType;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class NodeRequestsTest {
  private static final ClusterConfigs CLUSTERS =
      new ClusterConfigs(
          List.of(
              new ClusterConfig(
                  "c1", List.of("10.0.0.1:6789"), new ClusterConfig.Rbd("tenant"), null)));
  private final NodeRequests requests = new NodeRequests(CLUSTERS, AccessRules.RBD);
  private final NodeRequests cephfs = new NodeRequests(CLUSTERS, AccessRules.CEPHFS);

  static VolumeCapability mount(String fs, Mode mode, String... flags) {
    return VolumeCapability.newBuilder()
        .setMount(
            VolumeCapability.MountVolume.newBuilder()
                .setFsType(fs)
                .addAllMountFlags(List.of(flags)))
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode))
        .build();
  }

  static VolumeCapability block(Mode mode) {
    return VolumeCapability.newBuilder()
        .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode))
        .build();
  }

  static NodeStageVolumeRequest.Builder stage() {
    return NodeStageVolumeRequest.newBuilder()
        .setVolumeId("vol-1")
        .setStagingTargetPath("/k/globalmount")
        .setVolumeCapability(mount("", Mode.SINGLE_NODE_WRITER))
        .putSecrets("userID", "node")
        .putSecrets("userKey", "AQBkey==")
        .putVolumeContext("clusterID", "c1")
        .putVolumeContext("pool", "rbd")
        .putVolumeContext("imageName", "csi-vol-1");
  }

  @Test
  void turnsAStageRequestIntoParams() {
    StageParams p =
        requests.stage(
            stage()
                .putVolumeContext("mounter", "fuse")
                .setVolumeCapability(mount("xfs", Mode.SINGLE_NODE_READER_ONLY, "noatime"))
                .build());
    assertEquals(List.of("10.0.0.1:6789"), p.connection().monitors());
    assertEquals("node", p.connection().user());
    assertEquals("fuse", p.context().get("mounter"));
    assertEquals("xfs", p.fsType());
    assertEquals(List.of("noatime"), p.mountFlags());
    assertTrue(p.readOnly());
    assertEquals(AccessType.MOUNT, p.accessType());
    assertFalse(p.toString().contains("AQBkey=="), "params must not print the key");
  }

  @Test
  void defaultsToExt4AndFindsTheClusterInTheVolumeId() {
    String id = new CsiId("c1", 2, UUID.randomUUID()).encode();
    StageParams p =
        requests.stage(stage().setVolumeId(id).removeVolumeContext("clusterID").build());
    assertEquals("ext4", p.fsType());
    assertEquals("c1", p.clusterId());
  }

  @Test
  void rejectsWhatIsMissingOrWrong() {
    invalid(b -> b.clearVolumeId());
    invalid(b -> b.clearStagingTargetPath());
    invalid(b -> b.setStagingTargetPath("relative/path"));
    invalid(b -> b.setStagingTargetPath("/k/globalmount/"));
    invalid(b -> b.setStagingTargetPath("/k/../globalmount"));
    invalid(b -> b.clearVolumeCapability());
    invalid(b ->
        b.setVolumeCapability(
            VolumeCapability.newBuilder()
                .setAccessMode(
                    VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER))));
    invalid(b -> b.setVolumeCapability(mount("ext4", Mode.UNKNOWN)));
    invalid(b -> b.setVolumeCapability(mount("ext4", Mode.MULTI_NODE_MULTI_WRITER)));
    invalid(b -> b.setVolumeCapability(mount("btrfs", Mode.SINGLE_NODE_WRITER)));
    invalid(b -> b.setVolumeCapability(mount("ext4", Mode.SINGLE_NODE_WRITER, "a b")));
    invalid(b -> b.removeSecrets("userKey"));
    invalid(b -> b.removeSecrets("userID"));
    invalid(b -> b.putVolumeContext("clusterID", "unknown"));
    invalid(b -> b.removeVolumeContext("clusterID"));
  }

  @Test
  void blockAccessMayBeSharedBetweenNodes() {
    StageParams p =
        requests.stage(stage().setVolumeCapability(block(Mode.MULTI_NODE_MULTI_WRITER)).build());
    assertEquals(AccessType.BLOCK, p.accessType());
    assertFalse(p.readOnly());
  }

  @Test
  void cephFsVolumesAreSharedFilesystemsOnly() {
    StageParams p =
        cephfs.stage(
            stage().setVolumeCapability(mount("ext4", Mode.MULTI_NODE_MULTI_WRITER)).build());
    assertEquals(AccessType.MOUNT, p.accessType());
    assertEquals("", p.fsType(), "fs_type means nothing to CephFS");
    expectInvalid(
        () -> cephfs.stage(stage().setVolumeCapability(block(Mode.SINGLE_NODE_WRITER)).build()));
    expectInvalid(() ->
        cephfs.publish(
            NodePublishVolumeRequest.newBuilder()
                .setVolumeId("v")
                .setStagingTargetPath("/s")
                .setTargetPath("/t")
                .setVolumeCapability(block(Mode.MULTI_NODE_MULTI_WRITER))
                .build()));
  }

  @Test
  void publishParams() {
    PublishParams p =
        requests.publish(
            NodePublishVolumeRequest.newBuilder()
                .setVolumeId("v")
                .setStagingTargetPath("/s")
                .setTargetPath("/t2")
                .setReadonly(true)
                .setVolumeCapability(mount("ext4", Mode.SINGLE_NODE_WRITER))
                .build());
    assertEquals(Path.of("/t2"), p.targetPath());
    assertTrue(p.readOnly());
    expectInvalid(() ->
        requests.publish(
            NodePublishVolumeRequest.newBuilder()
                .setVolumeId("v")
                .setStagingTargetPath("/s")
                .setTargetPath("/tmp/../etc")
                .setVolumeCapability(mount("ext4", Mode.SINGLE_NODE_WRITER))
                .build()));
    expectInvalid(() ->
        requests.publish(
            NodePublishVolumeRequest.newBuilder()
                .setVolumeId("v")
                .setTargetPath("/t")
                .setVolumeCapability(mount("", Mode.SINGLE_NODE_WRITER))
                .build()));
  }

  private void invalid(UnaryOperator<NodeStageVolumeRequest.Builder> change) {
    expectInvalid(() -> requests.stage(change.apply(stage()).build()));
  }

  private static void expectInvalid(Executable call) {
    assertEquals(Status.Code.INVALID_ARGUMENT, assertThrows(CsiException.class, call).code());
  }
}
