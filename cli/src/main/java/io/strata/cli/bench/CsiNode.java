package io.strata.cli.bench;

import csi.v1.ControllerGetCapabilitiesRequest;
import csi.v1.ControllerGrpc;
import csi.v1.ControllerPublishVolumeRequest;
import csi.v1.ControllerServiceCapability;
import csi.v1.ControllerUnpublishVolumeRequest;
import csi.v1.NodeGetCapabilitiesRequest;
import csi.v1.NodeGetInfoRequest;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeServiceCapability;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The node side of a CSI driver, driven the way kubelet and the external-attacher drive it: the
 * capabilities both services advertise decide whether ControllerPublish and NodeStage happen, and a
 * publish context from ControllerPublish goes along to the node.
 */
final class CsiNode implements NodeSide, AutoCloseable {
  private final ManagedChannel controllerChannel;
  private final ManagedChannel nodeChannel;
  private final CsiRequests requests;
  private final NodePaths paths;
  private final Duration timeout;
  private final String nodeId;
  private final boolean attaches;
  private final boolean stages;
  private final Map<String, Map<String, String>> publishContexts = new ConcurrentHashMap<>();

  private CsiNode(
      ManagedChannel controllerChannel,
      ManagedChannel nodeChannel,
      CsiRequests requests,
      NodePaths paths,
      Duration timeout) {
    this.controllerChannel = controllerChannel;
    this.nodeChannel = nodeChannel;
    this.requests = requests;
    this.paths = paths;
    this.timeout = timeout;
    this.nodeId = node().nodeGetInfo(NodeGetInfoRequest.getDefaultInstance()).getNodeId();
    this.stages =
        node()
            .nodeGetCapabilities(NodeGetCapabilitiesRequest.getDefaultInstance())
            .getCapabilitiesList()
            .stream()
            .anyMatch(
                c -> c.getRpc().getType() == NodeServiceCapability.RPC.Type.STAGE_UNSTAGE_VOLUME);
    this.attaches =
        controller()
            .controllerGetCapabilities(ControllerGetCapabilitiesRequest.getDefaultInstance())
            .getCapabilitiesList()
            .stream()
            .anyMatch(c ->
                c.getRpc().getType()
                    == ControllerServiceCapability.RPC.Type.PUBLISH_UNPUBLISH_VOLUME);
  }

  /** Asks both services what they do; fails when the node endpoint does not answer. */
  static CsiNode open(
      ManagedChannel controllerChannel,
      ManagedChannel nodeChannel,
      CsiRequests requests,
      NodePaths paths,
      Duration timeout) {
    try {
      createDirectories(paths.stagingRoot());
      createDirectories(paths.targetRoot());
      return new CsiNode(controllerChannel, nodeChannel, requests, paths, timeout);
    } catch (RuntimeException e) {
      nodeChannel.shutdownNow();
      throw e;
    }
  }

  @Override
  public boolean attaches() {
    return attaches;
  }

  @Override
  public boolean stages() {
    return stages;
  }

  @Override
  public void attach(Volume volume) {
    var response =
        controller()
            .controllerPublishVolume(
                ControllerPublishVolumeRequest.newBuilder()
                    .setVolumeId(volume.id())
                    .setNodeId(nodeId)
                    .setVolumeCapability(requests.capability())
                    .putAllSecrets(requests.secrets())
                    .putAllVolumeContext(volume.context())
                    .build());
    publishContexts.put(volume.id(), response.getPublishContextMap());
  }

  @Override
  public void detach(Volume volume) {
    controller()
        .controllerUnpublishVolume(
            ControllerUnpublishVolumeRequest.newBuilder()
                .setVolumeId(volume.id())
                .setNodeId(nodeId)
                .putAllSecrets(requests.secrets())
                .build());
    publishContexts.remove(volume.id());
  }

  @Override
  public void stage(Volume volume) {
    createDirectories(paths.staging(volume)); // kubelet makes the staging directory
    node()
        .nodeStageVolume(
            NodeStageVolumeRequest.newBuilder()
                .setVolumeId(volume.id())
                .putAllPublishContext(publishContext(volume))
                .setStagingTargetPath(paths.staging(volume).toString())
                .setVolumeCapability(requests.capability())
                .putAllSecrets(requests.secrets())
                .putAllVolumeContext(volume.context())
                .build());
  }

  @Override
  public void unstage(Volume volume) {
    node()
        .nodeUnstageVolume(
            NodeUnstageVolumeRequest.newBuilder()
                .setVolumeId(volume.id())
                .setStagingTargetPath(paths.staging(volume).toString())
                .build());
    deleteIfExists(paths.staging(volume));
  }

  @Override
  public void publish(Volume volume) {
    NodePublishVolumeRequest.Builder request =
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(volume.id())
            .putAllPublishContext(publishContext(volume))
            .setTargetPath(paths.target(volume).toString())
            .setVolumeCapability(requests.capability())
            .putAllSecrets(requests.secrets())
            .putAllVolumeContext(volume.context());
    if (stages) {
      request.setStagingTargetPath(paths.staging(volume).toString());
    }
    node().nodePublishVolume(request.build());
  }

  @Override
  public void unpublish(Volume volume) {
    node()
        .nodeUnpublishVolume(
            NodeUnpublishVolumeRequest.newBuilder()
                .setVolumeId(volume.id())
                .setTargetPath(paths.target(volume).toString())
                .build());
    deleteIfExists(paths.target(volume)); // drivers that leave it (the spec lets them)
  }

  private Map<String, String> publishContext(Volume volume) {
    return publishContexts.getOrDefault(volume.id(), Map.of());
  }

  private NodeGrpc.NodeBlockingStub node() {
    return NodeGrpc.newBlockingStub(nodeChannel)
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private ControllerGrpc.ControllerBlockingStub controller() {
    return ControllerGrpc.newBlockingStub(controllerChannel)
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static void createDirectories(Path path) {
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("create " + path, e);
    }
  }

  /** Removes an empty directory or a file; a mount point still in use fails, and is reported. */
  private static void deleteIfExists(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException e) {
      throw new UncheckedIOException("remove " + path, e);
    }
  }

  @Override
  public void close() {
    nodeChannel.shutdownNow();
  }
}
