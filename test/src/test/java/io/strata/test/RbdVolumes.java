package io.strata.test;

import csi.v1.CapacityRange;
import csi.v1.ControllerGrpc;
import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateVolumeRequest;
import csi.v1.DeleteSnapshotRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.Snapshot;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import csi.v1.VolumeContentSource;
import io.strata.cli.LocalStack.Plugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

/** CSI requests for RBD volumes on the local stack, as the Kubernetes sidecars would send them. */
final class RbdVolumes {
  static final long MIB = 1 << 20;

  private final LocalStackExtension.Stack stack;
  final ControllerGrpc.ControllerBlockingStub controller;
  final NodeGrpc.NodeBlockingStub node;

  RbdVolumes(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.controller = ControllerGrpc.newBlockingStub(stack.channel(Plugin.RBD_CONTROLLER));
    this.node = NodeGrpc.newBlockingStub(stack.channel(Plugin.RBD_NODE));
  }

  static VolumeCapability block() {
    return VolumeCapability.newBuilder()
        .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER))
        .build();
  }

  static VolumeCapability mount(String fsType) {
    return VolumeCapability.newBuilder()
        .setMount(VolumeCapability.MountVolume.newBuilder().setFsType(fsType))
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER))
        .build();
  }

  CreateVolumeRequest.Builder create(long bytes, VolumeCapability capability) {
    return CreateVolumeRequest.newBuilder()
        .setName("pvc-" + UUID.randomUUID())
        .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes))
        .addVolumeCapabilities(capability)
        .putAllParameters(
            Map.of("clusterID", stack.cluster().fsid(), "pool", stack.cluster().rbdPool()))
        .putAllSecrets(stack.adminSecrets());
  }

  Volume restore(Snapshot snapshot, VolumeCapability capability) {
    return controller
        .createVolume(
            create(0, capability)
                .clearCapacityRange()
                .setVolumeContentSource(
                    VolumeContentSource.newBuilder()
                        .setSnapshot(
                            VolumeContentSource.SnapshotSource.newBuilder()
                                .setSnapshotId(snapshot.getSnapshotId())))
                .build())
        .getVolume();
  }

  Volume cloneOf(Volume source, VolumeCapability capability) {
    return controller
        .createVolume(
            create(0, capability)
                .clearCapacityRange()
                .setVolumeContentSource(
                    VolumeContentSource.newBuilder()
                        .setVolume(
                            VolumeContentSource.VolumeSource.newBuilder()
                                .setVolumeId(source.getVolumeId())))
                .build())
        .getVolume();
  }

  CreateSnapshotRequest snapshotRequest(String name, Volume source) {
    return CreateSnapshotRequest.newBuilder()
        .setName(name)
        .setSourceVolumeId(source.getVolumeId())
        .putAllSecrets(stack.adminSecrets())
        .build();
  }

  Snapshot snapshot(Volume source) {
    return controller
        .createSnapshot(snapshotRequest("snapshot-" + UUID.randomUUID(), source))
        .getSnapshot();
  }

  void delete(Volume volume) {
    controller.deleteVolume(
        DeleteVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .putAllSecrets(stack.adminSecrets())
            .build());
  }

  void delete(Snapshot snapshot) {
    controller.deleteSnapshot(
        DeleteSnapshotRequest.newBuilder()
            .setSnapshotId(snapshot.getSnapshotId())
            .putAllSecrets(stack.adminSecrets())
            .build());
  }

  /** A volume staged and published on the node, as a pod would get it. */
  record Published(Volume volume, Path staging, Path target) {}

  Published publish(Volume volume, VolumeCapability capability, Path dir) throws IOException {
    Path staging = Files.createDirectories(dir.resolve("staging-" + UUID.randomUUID()));
    Path target = dir.resolve("target-" + UUID.randomUUID());
    node.nodeStageVolume(
        NodeStageVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setStagingTargetPath(staging.toString())
            .setVolumeCapability(capability)
            .putAllVolumeContext(volume.getVolumeContextMap())
            .putAllSecrets(stack.adminSecrets())
            .build());
    node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setStagingTargetPath(staging.toString())
            .setTargetPath(target.toString())
            .setVolumeCapability(capability)
            .putAllVolumeContext(volume.getVolumeContextMap())
            .build());
    return new Published(volume, staging, target);
  }

  void unpublish(Published published) {
    node.nodeUnpublishVolume(
        NodeUnpublishVolumeRequest.newBuilder()
            .setVolumeId(published.volume().getVolumeId())
            .setTargetPath(published.target().toString())
            .build());
    node.nodeUnstageVolume(
        NodeUnstageVolumeRequest.newBuilder()
            .setVolumeId(published.volume().getVolumeId())
            .setStagingTargetPath(published.staging().toString())
            .build());
  }
}
