package io.strata.controller;

import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.ControllerExpandVolumeResponse;
import csi.v1.ControllerGetCapabilitiesRequest;
import csi.v1.ControllerGetCapabilitiesResponse;
import csi.v1.ControllerGetVolumeRequest;
import csi.v1.ControllerGetVolumeResponse;
import csi.v1.ControllerGrpc;
import csi.v1.ControllerModifyVolumeRequest;
import csi.v1.ControllerModifyVolumeResponse;
import csi.v1.ControllerServiceCapability;
import csi.v1.ControllerServiceCapability.RPC.Type;
import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateSnapshotResponse;
import csi.v1.CreateVolumeRequest;
import csi.v1.CreateVolumeResponse;
import csi.v1.DeleteSnapshotRequest;
import csi.v1.DeleteSnapshotResponse;
import csi.v1.DeleteVolumeRequest;
import csi.v1.DeleteVolumeResponse;
import csi.v1.GetCapacityRequest;
import csi.v1.GetCapacityResponse;
import csi.v1.GetSnapshotRequest;
import csi.v1.GetSnapshotResponse;
import csi.v1.ListSnapshotsRequest;
import csi.v1.ListSnapshotsResponse;
import csi.v1.ListVolumesRequest;
import csi.v1.ListVolumesResponse;
import csi.v1.ValidateVolumeCapabilitiesRequest;
import csi.v1.ValidateVolumeCapabilitiesResponse;
import io.grpc.stub.StreamObserver;
import io.strata.controller.flow.Page;
import io.strata.controller.flow.ProvisionedVolume;
import io.strata.controller.flow.SnapshotFlow;
import io.strata.controller.flow.SnapshotInfo;
import io.strata.controller.flow.VolumeFlow;
import io.strata.controller.flow.VolumeRequest;
import io.strata.controller.flow.VolumeSource;
import io.strata.csi.CsiException;
import io.strata.csi.Rpc;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * CSI Controller: the gRPC edge; validation here, Ceph work in the flows.
 *
 * <p>GetSnapshot is served but GET_SNAPSHOT (alpha in CSI 1.12) is not advertised: csi-sanity
 * v5.3.1, the conformance suite, fails any plugin that advertises a capability it does not know.
 */
public final class ControllerService extends ControllerGrpc.ControllerImplBase {
  private static final List<Type> ALWAYS =
      List.of(
          Type.CREATE_DELETE_VOLUME,
          Type.EXPAND_VOLUME,
          Type.CREATE_DELETE_SNAPSHOT,
          Type.LIST_SNAPSHOTS,
          Type.CLONE_VOLUME);

  /** RPCs that carry no secrets and so need the plugin's own credentials. */
  private static final List<Type> WITH_OWN_CREDENTIALS =
      List.of(Type.LIST_VOLUMES, Type.GET_CAPACITY, Type.GET_VOLUME);

  private final VolumeFlow<?> volumes;
  private final SnapshotFlow<?> snapshots;
  private final AccessModes accessModes;
  private final List<Type> capabilities;

  public ControllerService(
      VolumeFlow<?> volumes,
      SnapshotFlow<?> snapshots,
      AccessModes accessModes,
      boolean hasOwnCredentials) {
    this.volumes = volumes;
    this.snapshots = snapshots;
    this.accessModes = accessModes;
    List<Type> all = new ArrayList<>(ALWAYS);
    if (volumes.isModifiable()) {
      all.add(Type.MODIFY_VOLUME);
    }
    if (hasOwnCredentials) {
      all.addAll(WITH_OWN_CREDENTIALS);
    }
    this.capabilities = List.copyOf(all);
  }

  @Override
  public void createVolume(
      CreateVolumeRequest request, StreamObserver<CreateVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          if (request.getName().isEmpty()) {
            throw CsiException.invalidArgument("name is required");
          }
          Optional<VolumeSource> source =
              Messages.source(request.getVolumeContentSource(), request.hasVolumeContentSource());
          accessModes.require(request.getVolumeCapabilitiesList(), source.isPresent());
          // with a source and no required size, the source's size decides
          long size =
              source.isPresent() && request.getCapacityRange().getRequiredBytes() == 0
                  ? 0
                  : Capacity.sizeFor(request.getCapacityRange());
          ProvisionedVolume volume =
              volumes.create(
                  new VolumeRequest(
                      request.getName(),
                      request.getParametersOrDefault("clusterID", ""),
                      size,
                      request.getCapacityRange().getLimitBytes(),
                      source,
                      AccessModes.isReadOnly(request.getVolumeCapabilitiesList()),
                      request.getParametersMap(),
                      request.getMutableParamsMap(),
                      request.getSecretsMap()));
          return CreateVolumeResponse.newBuilder().setVolume(Messages.volume(volume)).build();
        });
  }

  @Override
  public void deleteVolume(
      DeleteVolumeRequest request, StreamObserver<DeleteVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireId("volume_id", request.getVolumeId());
          volumes.delete(request.getVolumeId(), request.getSecretsMap());
          return DeleteVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void controllerExpandVolume(
      ControllerExpandVolumeRequest request,
      StreamObserver<ControllerExpandVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireId("volume_id", request.getVolumeId());
          if (request.hasVolumeCapability()) {
            accessModes.require(List.of(request.getVolumeCapability()), false);
          }
          long size =
              volumes.expand(
                  request.getVolumeId(),
                  Capacity.sizeFor(request.getCapacityRange()),
                  request.getSecretsMap());
          // an RBD filesystem must grow on the node; raw block and CephFS quotas are done here
          return ControllerExpandVolumeResponse.newBuilder()
              .setCapacityBytes(size)
              .setNodeExpansionRequired(
                  volumes.growsOnNode() && !request.getVolumeCapability().hasBlock())
              .build();
        });
  }

  @Override
  public void controllerModifyVolume(
      ControllerModifyVolumeRequest request,
      StreamObserver<ControllerModifyVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireId("volume_id", request.getVolumeId());
          if (!volumes.isModifiable()) {
            throw new CsiException(
                io.grpc.Status.Code.UNIMPLEMENTED,
                "this backend's volumes have no mutable parameters");
          }
          volumes.modify(
              request.getVolumeId(), request.getMutableParametersMap(), request.getSecretsMap());
          return ControllerModifyVolumeResponse.getDefaultInstance();
        });
  }

  @Override
  public void validateVolumeCapabilities(
      ValidateVolumeCapabilitiesRequest request,
      StreamObserver<ValidateVolumeCapabilitiesResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireId("volume_id", request.getVolumeId());
          if (request.getVolumeCapabilitiesList().isEmpty()) {
            throw CsiException.invalidArgument("volume_capabilities are required");
          }
          ProvisionedVolume volume =
              volumes
                  .get(request.getVolumeId(), request.getSecretsMap())
                  .orElseThrow(() -> missingVolume(request.getVolumeId()));
          var response = ValidateVolumeCapabilitiesResponse.newBuilder();
          accessModes
              .unsupported(request.getVolumeCapabilitiesList(), volume.source().isPresent())
              .ifPresentOrElse(
                  response::setMessage,
                  () ->
                      response.setConfirmed(
                          ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
                              .addAllVolumeCapabilities(request.getVolumeCapabilitiesList())
                              .putAllVolumeContext(request.getVolumeContextMap())
                              .putAllParameters(request.getParametersMap())
                              .putAllMutableParams(request.getMutableParamsMap())));
          return response.build();
        });
  }

  @Override
  public void listVolumes(
      ListVolumesRequest request, StreamObserver<ListVolumesResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireOwn(Type.LIST_VOLUMES);
          Page<ProvisionedVolume> page =
              volumes.list(request.getStartingToken(), maxEntries(request.getMaxEntries()));
          var response = ListVolumesResponse.newBuilder().setNextToken(page.nextToken());
          page.items()
              .forEach(v ->
                  response.addEntries(
                      ListVolumesResponse.Entry.newBuilder().setVolume(Messages.volume(v))));
          return response.build();
        });
  }

  @Override
  public void controllerGetVolume(
      ControllerGetVolumeRequest request, StreamObserver<ControllerGetVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireOwn(Type.GET_VOLUME);
          requireId("volume_id", request.getVolumeId());
          ProvisionedVolume volume =
              volumes
                  .getAsPlugin(request.getVolumeId())
                  .orElseThrow(() -> missingVolume(request.getVolumeId()));
          return ControllerGetVolumeResponse.newBuilder()
              .setVolume(Messages.volume(volume))
              .setStatus(ControllerGetVolumeResponse.VolumeStatus.getDefaultInstance())
              .build();
        });
  }

  @Override
  public void getCapacity(
      GetCapacityRequest request, StreamObserver<GetCapacityResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireOwn(Type.GET_CAPACITY);
          // the spec asks for room usable with ALL the listed capabilities: none if one is unusable
          long available =
              accessModes.unsupported(request.getVolumeCapabilitiesList(), false).isPresent()
                  ? 0
                  : volumes.availableBytes(
                      request.getParametersOrDefault("clusterID", ""), request.getParametersMap());
          return GetCapacityResponse.newBuilder().setAvailableCapacity(available).build();
        });
  }

  @Override
  public void createSnapshot(
      CreateSnapshotRequest request, StreamObserver<CreateSnapshotResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          if (request.getName().isEmpty()) {
            throw CsiException.invalidArgument("name is required");
          }
          requireId("source_volume_id", request.getSourceVolumeId());
          SnapshotInfo snapshot =
              snapshots.create(
                  request.getName(), request.getSourceVolumeId(), request.getSecretsMap());
          return CreateSnapshotResponse.newBuilder()
              .setSnapshot(Messages.snapshot(snapshot))
              .build();
        });
  }

  @Override
  public void deleteSnapshot(
      DeleteSnapshotRequest request, StreamObserver<DeleteSnapshotResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireId("snapshot_id", request.getSnapshotId());
          snapshots.delete(request.getSnapshotId(), request.getSecretsMap());
          return DeleteSnapshotResponse.getDefaultInstance();
        });
  }

  @Override
  public void listSnapshots(
      ListSnapshotsRequest request, StreamObserver<ListSnapshotsResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          Page<SnapshotInfo> page =
              snapshots.list(
                  request.getSnapshotId(),
                  request.getSourceVolumeId(),
                  request.getStartingToken(),
                  maxEntries(request.getMaxEntries()),
                  request.getSecretsMap());
          var response = ListSnapshotsResponse.newBuilder().setNextToken(page.nextToken());
          page.items()
              .forEach(s ->
                  response.addEntries(
                      ListSnapshotsResponse.Entry.newBuilder().setSnapshot(Messages.snapshot(s))));
          return response.build();
        });
  }

  @Override
  public void getSnapshot(
      GetSnapshotRequest request, StreamObserver<GetSnapshotResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireId("snapshot_id", request.getSnapshotId());
          SnapshotInfo snapshot =
              snapshots
                  .get(request.getSnapshotId(), request.getSecretsMap())
                  .orElseThrow(() ->
                      CsiException.notFound(
                          "snapshot " + request.getSnapshotId() + " does not exist"));
          return GetSnapshotResponse.newBuilder().setSnapshot(Messages.snapshot(snapshot)).build();
        });
  }

  @Override
  public void controllerGetCapabilities(
      ControllerGetCapabilitiesRequest request,
      StreamObserver<ControllerGetCapabilitiesResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          var response = ControllerGetCapabilitiesResponse.newBuilder();
          for (Type type : capabilities) {
            response.addCapabilities(
                ControllerServiceCapability.newBuilder()
                    .setRpc(ControllerServiceCapability.RPC.newBuilder().setType(type)));
          }
          return response.build();
        });
  }

  private void requireOwn(Type capability) {
    if (!capabilities.contains(capability)) {
      throw new CsiException(
          io.grpc.Status.Code.UNIMPLEMENTED,
          capability + " needs the controller's own Ceph credentials; start it with --secrets-dir");
    }
  }

  private static int maxEntries(int requested) {
    if (requested < 0) {
      throw CsiException.invalidArgument("max_entries must not be negative");
    }
    return requested;
  }

  private static CsiException missingVolume(String volumeId) {
    return CsiException.notFound("volume " + volumeId + " does not exist");
  }

  private static void requireId(String field, String id) {
    if (id.isEmpty()) {
      throw CsiException.invalidArgument(field + " is required");
    }
  }
}
