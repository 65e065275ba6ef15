package io.strata.cli.bench;

import csi.v1.ControllerGrpc;
import csi.v1.CreateVolumeResponse;
import csi.v1.GetPluginInfoRequest;
import csi.v1.IdentityGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** A CSI controller endpoint (any driver's), and optionally its node endpoint. */
final class CsiTarget implements Target {
  /** Answers after which nothing was created: no cleanup needed for a failed create. */
  private static final Set<Status.Code> NOTHING_MADE =
      EnumSet.of(
          Status.Code.INVALID_ARGUMENT,
          Status.Code.ALREADY_EXISTS,
          Status.Code.NOT_FOUND,
          Status.Code.OUT_OF_RANGE,
          Status.Code.UNIMPLEMENTED,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.RESOURCE_EXHAUSTED);

  private final String label;
  private final ManagedChannel channel;
  private final CsiRequests requests;
  private final Duration timeout;
  private final Optional<CsiNode> node;

  private CsiTarget(
      String label,
      ManagedChannel channel,
      CsiRequests requests,
      Duration timeout,
      Optional<CsiNode> node) {
    this.label = label;
    this.channel = channel;
    this.requests = requests;
    this.timeout = timeout;
    this.node = node;
  }

  /** Dials the controller; nothing is sent until the first call. */
  static CsiTarget open(String endpoint, CsiRequests requests, Duration timeout) {
    Endpoint parsed = Endpoint.parse(endpoint);
    return new CsiTarget(
        parsed.uri(), CsiChannels.open(parsed), requests, timeout, Optional.empty());
  }

  /** The same controller with a node endpoint for stage-publish. */
  CsiTarget withNode(String nodeEndpoint, NodePaths paths) {
    CsiNode side =
        CsiNode.open(
            channel, CsiChannels.open(Endpoint.parse(nodeEndpoint)), requests, paths, timeout);
    return new CsiTarget(label, channel, requests, timeout, Optional.of(side));
  }

  @Override
  public String label() {
    return label;
  }

  /** GetPluginInfo: connects the channel, and fails early when nothing serves the endpoint. */
  @Override
  public void warmUp() {
    IdentityGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS)
        .getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
  }

  @Override
  public Volume createVolume(String name, long sizeBytes, Optional<String> fromSnapshot) {
    CreateVolumeResponse response =
        controller().createVolume(requests.createVolume(name, sizeBytes, fromSnapshot));
    return new Volume(
        name, response.getVolume().getVolumeId(), response.getVolume().getVolumeContextMap());
  }

  @Override
  public void deleteVolume(String volumeId) {
    controller().deleteVolume(requests.deleteVolume(volumeId));
  }

  @Override
  public String createSnapshot(Volume source, String name) {
    return controller()
        .createSnapshot(requests.createSnapshot(source.id(), name))
        .getSnapshot()
        .getSnapshotId();
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    controller().deleteSnapshot(requests.deleteSnapshot(snapshotId));
  }

  @Override
  public Optional<NodeSide> node() {
    return node.map(NodeSide.class::cast);
  }

  @Override
  public boolean retriable(RuntimeException failure) {
    return failure instanceof StatusRuntimeException grpc
        && grpc.getStatus().getCode() == Status.Code.ABORTED;
  }

  @Override
  public boolean outcomeUnknown(RuntimeException failure) {
    return failure instanceof StatusRuntimeException grpc
        && !NOTHING_MADE.contains(grpc.getStatus().getCode());
  }

  /** A stub with a fresh deadline: a deadline is a point in time, so one per call. */
  private ControllerGrpc.ControllerBlockingStub controller() {
    return ControllerGrpc.newBlockingStub(channel)
        .withDeadlineAfter(timeout.toMillis(), TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    node.ifPresent(CsiNode::close);
    channel.shutdownNow();
  }
}
