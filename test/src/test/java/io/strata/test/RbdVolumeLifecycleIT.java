package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CapacityRange;
import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.ControllerGrpc;
import csi.v1.CreateVolumeRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeUsage;
import io.strata.ceph.RbdImages;
import io.strata.cli.LocalStack.Plugin;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An RBD volume's whole life as Kubernetes drives it, over the controller's and the node's sockets:
 * create, stage (format + mount), publish, write, expand, read back, unpublish, unstage, delete;
 * nothing may remain afterwards.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class RbdVolumeLifecycleIT {
  private static final long MIB = 1 << 20;
  private final LocalStackExtension.Stack stack;
  private final ControllerGrpc.ControllerBlockingStub controller;
  private final NodeGrpc.NodeBlockingStub node;
  @TempDir Path dir;

  RbdVolumeLifecycleIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.controller = ControllerGrpc.newBlockingStub(stack.channel(Plugin.RBD_CONTROLLER));
    this.node = NodeGrpc.newBlockingStub(stack.channel(Plugin.RBD_NODE));
  }

  @Test
  void filesystemVolumeServesDataAndGrows() throws Exception {
    VolumeCapability xfs =
        VolumeCapability.newBuilder()
            .setMount(VolumeCapability.MountVolume.newBuilder().setFsType("xfs"))
            .setAccessMode(
                VolumeCapability.AccessMode.newBuilder()
                    .setMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
            .build();
    Volume volume = controller.createVolume(create(320 * MIB, xfs)).getVolume();
    String image = volume.getVolumeContextOrThrow("imageName");
    Path staging = Files.createDirectories(dir.resolve("staging"));
    Path target = dir.resolve("pod/mount");
    byte[] data = ("written through a published volume " + UUID.randomUUID()).getBytes();

    node.nodeStageVolume(stage(volume, staging, xfs));
    node.nodePublishVolume(publish(volume, staging, target, xfs));
    Files.write(target.resolve("data"), data);
    long before = total(volume, target);

    long grown =
        controller
            .controllerExpandVolume(
                ControllerExpandVolumeRequest.newBuilder()
                    .setVolumeId(volume.getVolumeId())
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(640 * MIB))
                    .setVolumeCapability(xfs)
                    .putAllSecrets(stack.adminSecrets())
                    .build())
            .getCapacityBytes();
    assertEquals(640 * MIB, grown);
    node.nodeExpandVolume(
        NodeExpandVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setVolumePath(target.toString())
            .setStagingTargetPath(staging.toString())
            .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(640 * MIB))
            .setVolumeCapability(xfs)
            .build());
    assertTrue(total(volume, target) > before + 256 * MIB, "the filesystem grew");
    assertArrayEquals(data, Files.readAllBytes(target.resolve("data")));

    node.nodeUnpublishVolume(
        NodeUnpublishVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setTargetPath(target.toString())
            .build());
    assertFalse(Files.exists(target), "unpublish removes the target");
    node.nodeUnstageVolume(
        NodeUnstageVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setStagingTargetPath(staging.toString())
            .build());
    controller.deleteVolume(
        DeleteVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .putAllSecrets(stack.adminSecrets())
            .build());

    assertFalse(
        new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "")
            .list()
            .contains(image));
    assertFalse(
        Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()),
        "no mount left under the test's directories");
  }

  private long total(Volume volume, Path target) {
    return node
        .nodeGetVolumeStats(
            NodeGetVolumeStatsRequest.newBuilder()
                .setVolumeId(volume.getVolumeId())
                .setVolumePath(target.toString())
                .build())
        .getUsageList()
        .stream()
        .filter(u -> u.getUnit() == VolumeUsage.Unit.BYTES)
        .findFirst()
        .orElseThrow()
        .getTotal();
  }

  private CreateVolumeRequest create(long bytes, VolumeCapability capability) {
    return CreateVolumeRequest.newBuilder()
        .setName("pvc-" + UUID.randomUUID())
        .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes))
        .addVolumeCapabilities(capability)
        .putAllParameters(
            Map.of("clusterID", stack.cluster().fsid(), "pool", stack.cluster().rbdPool()))
        .putAllSecrets(stack.adminSecrets())
        .build();
  }

  private NodeStageVolumeRequest stage(Volume volume, Path staging, VolumeCapability capability) {
    return NodeStageVolumeRequest.newBuilder()
        .setVolumeId(volume.getVolumeId())
        .setStagingTargetPath(staging.toString())
        .setVolumeCapability(capability)
        .putAllVolumeContext(volume.getVolumeContextMap())
        .putAllSecrets(stack.adminSecrets())
        .build();
  }

  private NodePublishVolumeRequest publish(
      Volume volume, Path staging, Path target, VolumeCapability capability) {
    return NodePublishVolumeRequest.newBuilder()
        .setVolumeId(volume.getVolumeId())
        .setStagingTargetPath(staging.toString())
        .setTargetPath(target.toString())
        .setVolumeCapability(capability)
        .putAllVolumeContext(volume.getVolumeContextMap())
        .build();
  }
}
