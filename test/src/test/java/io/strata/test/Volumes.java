package io.strata.test;

import csi.v1.CapacityRange;
import csi.v1.ControllerGrpc;
import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateVolumeRequest;
import csi.v1.DeleteSnapshotRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.NodeGetVolumeStatsRequest;
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
import csi.v1.VolumeUsage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.cli.LocalStack.Plugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/** CSI requests for one backend's volumes on the local stack, as the sidecars would send them. */
final class Volumes {
  static final long MIB = 1 << 20;

  /** A backend's plugins on the stack. */
  enum Backend {
    RBD(Plugin.RBD_CONTROLLER, Plugin.RBD_NODE),
    CEPHFS(Plugin.CEPHFS_CONTROLLER, Plugin.CEPHFS_NODE);

    final Plugin controller;
    private final Plugin node;

    Backend(Plugin controller, Plugin node) {
      this.controller = controller;
      this.node = node;
    }
  }

  private final LocalStackExtension.Stack stack;
  private final Backend backend;
  final ControllerGrpc.ControllerBlockingStub controller;
  final NodeGrpc.NodeBlockingStub node;

  Volumes(LocalStackExtension.Stack stack, Backend backend) {
    this.stack = stack;
    this.backend = backend;
    this.controller = ControllerGrpc.newBlockingStub(stack.channel(backend.controller));
    this.node = NodeGrpc.newBlockingStub(stack.channel(backend.node));
  }

  Map<String, String> secrets() {
    return stack.adminSecrets();
  }

  /** The StorageClass parameters of the stack's pool or filesystem. */
  Map<String, String> parameters() {
    return backend == Backend.RBD
        ? Map.of("clusterID", stack.cluster().fsid(), "pool", stack.cluster().rbdPool())
        : Map.of("clusterID", stack.cluster().fsid(), "fsName", stack.cluster().fsName());
  }

  static VolumeCapability block() {
    return VolumeCapability.newBuilder()
        .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(Mode.SINGLE_NODE_WRITER))
        .build();
  }

  static VolumeCapability mount(String fsType, Mode mode) {
    return VolumeCapability.newBuilder()
        .setMount(VolumeCapability.MountVolume.newBuilder().setFsType(fsType))
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode))
        .build();
  }

  CreateVolumeRequest.Builder create(long bytes, VolumeCapability capability) {
    return CreateVolumeRequest.newBuilder()
        .setName("pvc-" + UUID.randomUUID())
        .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes))
        .addVolumeCapabilities(capability)
        .putAllParameters(parameters())
        .putAllSecrets(stack.adminSecrets());
  }

  Volume restore(Snapshot snapshot, VolumeCapability capability) throws InterruptedException {
    return createFrom(
        VolumeContentSource.newBuilder()
            .setSnapshot(
                VolumeContentSource.SnapshotSource.newBuilder()
                    .setSnapshotId(snapshot.getSnapshotId()))
            .build(),
        capability);
  }

  Volume cloneOf(Volume source, VolumeCapability capability) throws InterruptedException {
    return createFrom(
        VolumeContentSource.newBuilder()
            .setVolume(
                VolumeContentSource.VolumeSource.newBuilder().setVolumeId(source.getVolumeId()))
            .build(),
        capability);
  }

  /**
   * A volume from a content source, sized as the source is. Retries ABORTED (a CephFS clone still
   * copying) as external-provisioner does, for up to a minute.
   */
  private Volume createFrom(VolumeContentSource source, VolumeCapability capability)
      throws InterruptedException {
    return createRetryingAborted(
        create(0, capability).clearCapacityRange().setVolumeContentSource(source).build());
  }

  /** CreateVolume, asked again while it answers ABORTED (a copy still running), for a minute. */
  Volume createRetryingAborted(CreateVolumeRequest request) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (true) {
      try {
        return controller.createVolume(request).getVolume();
      } catch (StatusRuntimeException e) {
        if (e.getStatus().getCode() != Status.Code.ABORTED || System.nanoTime() > deadline) {
          throw e;
        }
        TimeUnit.MILLISECONDS.sleep(500); // the copy goes on in Ceph; ask again
      }
    }
  }

  /** The bytes NodeGetVolumeStats reports as the volume's total at a published target. */
  long totalBytes(Volume volume, Path target) {
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
    node.nodeStageVolume(
        NodeStageVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setStagingTargetPath(staging.toString())
            .setVolumeCapability(capability)
            .putAllVolumeContext(volume.getVolumeContextMap())
            .putAllSecrets(stack.adminSecrets())
            .build());
    return publishStaged(volume, capability, staging, dir, false);
  }

  /** Another publish of an already staged volume (a second pod on the node). */
  Published publishStaged(
      Volume volume, VolumeCapability capability, Path staging, Path dir, boolean readonly) {
    Path target = dir.resolve("target-" + UUID.randomUUID());
    node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setStagingTargetPath(staging.toString())
            .setTargetPath(target.toString())
            .setVolumeCapability(capability)
            .setReadonly(readonly)
            .putAllVolumeContext(volume.getVolumeContextMap())
            .build());
    return new Published(volume, staging, target);
  }

  void unpublishOnly(Published published) {
    node.nodeUnpublishVolume(
        NodeUnpublishVolumeRequest.newBuilder()
            .setVolumeId(published.volume().getVolumeId())
            .setTargetPath(published.target().toString())
            .build());
  }

  /** Unpublishes, then unstages. */
  void unpublish(Published published) {
    unpublishOnly(published);
    node.nodeUnstageVolume(
        NodeUnstageVolumeRequest.newBuilder()
            .setVolumeId(published.volume().getVolumeId())
            .setStagingTargetPath(published.staging().toString())
            .build());
  }
}
