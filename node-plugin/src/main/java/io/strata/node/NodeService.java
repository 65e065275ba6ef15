package io.strata.node;

import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeExpandVolumeResponse;
import csi.v1.NodeGetCapabilitiesRequest;
import csi.v1.NodeGetCapabilitiesResponse;
import csi.v1.NodeGetInfoRequest;
import csi.v1.NodeGetInfoResponse;
import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodeGetVolumeStatsResponse;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodePublishVolumeResponse;
import csi.v1.NodeServiceCapability;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeStageVolumeResponse;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnpublishVolumeResponse;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.NodeUnstageVolumeResponse;
import csi.v1.Topology;
import csi.v1.VolumeCondition;
import csi.v1.VolumeUsage;
import io.grpc.stub.StreamObserver;
import io.strata.csi.Rpc;
import io.strata.node.fs.FilesystemStats;
import java.util.ArrayList;
import java.util.List;

/**
 * CSI Node service for one backend (RBD or CephFS). Each method validates (in {@link
 * NodeRequests}), takes the volume's lock and hands over to the class that does the work: the
 * {@link NodeBackend} stages, unstages and expands, {@link VolumePublisher} and {@link
 * VolumeInspector} serve both backends. {@link Rpc#respond} turns every failure into a status, so
 * nothing is thrown to gRPC.
 */
public final class NodeService extends NodeGrpc.NodeImplBase {
  private final NodeConfig config;
  private final NodeRequests requests;
  private final VolumeLocks locks;
  private final NodeBackend backend;
  private final VolumePublisher publisher;
  private final VolumeInspector inspector;

  public NodeService(
      NodeConfig config,
      NodeRequests requests,
      VolumeLocks locks,
      NodeBackend backend,
      VolumePublisher publisher,
      VolumeInspector inspector) {
    this.config = config;
    this.requests = requests;
    this.locks = locks;
    this.backend = backend;
    this.publisher = publisher;
    this.inspector = inspector;
  }

  @Override
  public void nodeStageVolume(
      NodeStageVolumeRequest request, StreamObserver<NodeStageVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          StageParams params = requests.stage(request);
          try (var lease = locks.acquire(params.volumeId())) {
            backend.stage(params);
          }
          return NodeStageVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void nodeUnstageVolume(
      NodeUnstageVolumeRequest request, StreamObserver<NodeUnstageVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          NodeRequests.VolumeAt at = requests.unstage(request);
          try (var lease = locks.acquire(at.volumeId())) {
            backend.unstage(at.volumeId(), at.path());
          }
          return NodeUnstageVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void nodePublishVolume(
      NodePublishVolumeRequest request, StreamObserver<NodePublishVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          PublishParams params = requests.publish(request);
          try (var lease = locks.acquire(params.volumeId())) {
            publisher.publish(params);
          }
          return NodePublishVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void nodeUnpublishVolume(
      NodeUnpublishVolumeRequest request, StreamObserver<NodeUnpublishVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          NodeRequests.VolumeAt at = requests.unpublish(request);
          try (var lease = locks.acquire(at.volumeId())) {
            publisher.unpublish(at.volumeId(), at.path());
          }
          return NodeUnpublishVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void nodeGetVolumeStats(
      NodeGetVolumeStatsRequest request, StreamObserver<NodeGetVolumeStatsResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          NodeRequests.VolumeAt at = requests.stats(request);
          VolumeInspector.Report report = inspector.inspect(at.volumeId(), at.path());
          var response = NodeGetVolumeStatsResponse.newBuilder();
          report.usage().ifPresent(u -> response.addAllUsage(usage(u)));
          if (report.blockBytes() > 0) {
            response.addUsage(
                VolumeUsage.newBuilder()
                    .setUnit(VolumeUsage.Unit.BYTES)
                    .setTotal(report.blockBytes()));
          }
          response.setVolumeCondition(
              VolumeCondition.newBuilder()
                  .setAbnormal(report.problem().isPresent())
                  .setMessage(report.problem().orElse("volume is healthy")));
          return response.build();
        });
  }

  private static List<VolumeUsage> usage(FilesystemStats.Usage u) {
    return List.of(
        VolumeUsage.newBuilder()
            .setUnit(VolumeUsage.Unit.BYTES)
            .setTotal(u.totalBytes())
            .setAvailable(u.availableBytes())
            .setUsed(u.usedBytes())
            .build(),
        VolumeUsage.newBuilder()
            .setUnit(VolumeUsage.Unit.INODES)
            .setTotal(u.totalInodes())
            .setAvailable(u.freeInodes())
            .setUsed(u.usedInodes())
            .build());
  }

  @Override
  public void nodeExpandVolume(
      NodeExpandVolumeRequest request, StreamObserver<NodeExpandVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          NodeRequests.VolumeAt at = requests.expand(request);
          try (var lease = locks.acquire(at.volumeId())) {
            long bytes = backend.expand(at.volumeId(), at.path());
            return NodeExpandVolumeResponse.newBuilder().setCapacityBytes(bytes).build();
          }
        });
  }

  @Override
  public void nodeGetCapabilities(
      NodeGetCapabilitiesRequest request, StreamObserver<NodeGetCapabilitiesResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          var response = NodeGetCapabilitiesResponse.newBuilder();
          for (NodeServiceCapability.RPC.Type type : capabilities()) {
            response.addCapabilities(
                NodeServiceCapability.newBuilder()
                    .setRpc(NodeServiceCapability.RPC.newBuilder().setType(type)));
          }
          return response.build();
        });
  }

  /** Exactly what this backend implements. */
  private List<NodeServiceCapability.RPC.Type> capabilities() {
    List<NodeServiceCapability.RPC.Type> types = new ArrayList<>();
    types.add(NodeServiceCapability.RPC.Type.STAGE_UNSTAGE_VOLUME);
    types.add(NodeServiceCapability.RPC.Type.GET_VOLUME_STATS);
    if (backend.expands()) {
      types.add(NodeServiceCapability.RPC.Type.EXPAND_VOLUME);
    }
    types.add(NodeServiceCapability.RPC.Type.VOLUME_CONDITION);
    return types;
  }

  @Override
  public void nodeGetInfo(
      NodeGetInfoRequest request, StreamObserver<NodeGetInfoResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          var response =
              NodeGetInfoResponse.newBuilder()
                  .setNodeId(config.nodeId())
                  .setMaxVolumesPerNode(config.maxVolumes());
          if (!config.topology().isEmpty()) {
            response.setAccessibleTopology(Topology.newBuilder().putAllSegments(config.topology()));
          }
          return response.build();
        });
  }
}
