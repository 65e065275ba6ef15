package io.strata.controller;

import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.ControllerExpandVolumeResponse;
import csi.v1.ControllerGetCapabilitiesRequest;
import csi.v1.ControllerGetCapabilitiesResponse;
import csi.v1.ControllerGrpc;
import csi.v1.ControllerServiceCapability;
import csi.v1.ControllerServiceCapability.RPC.Type;
import csi.v1.CreateVolumeRequest;
import csi.v1.CreateVolumeResponse;
import csi.v1.DeleteVolumeRequest;
import csi.v1.DeleteVolumeResponse;
import csi.v1.ValidateVolumeCapabilitiesRequest;
import csi.v1.ValidateVolumeCapabilitiesResponse;
import csi.v1.Volume;
import io.grpc.stub.StreamObserver;
import io.strata.controller.flow.ProvisionedVolume;
import io.strata.controller.flow.VolumeFlow;
import io.strata.controller.flow.VolumeRequest;
import io.strata.csi.CsiException;
import io.strata.csi.Rpc;
import java.util.List;

/** CSI Controller: the gRPC edge; validation here, Ceph work in the {@link VolumeFlow}. */
public final class ControllerService extends ControllerGrpc.ControllerImplBase {
  private static final List<Type> CAPABILITIES =
      List.of(Type.CREATE_DELETE_VOLUME, Type.EXPAND_VOLUME);

  private final VolumeFlow<?> volumes;
  private final AccessModes accessModes;

  public ControllerService(VolumeFlow<?> volumes, AccessModes accessModes) {
    this.volumes = volumes;
    this.accessModes = accessModes;
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
          accessModes.require(request.getVolumeCapabilitiesList());
          if (request.hasVolumeContentSource()) {
            throw CsiException.invalidArgument("volume content sources are not supported yet");
          }
          long size = Capacity.sizeFor(request.getCapacityRange());
          ProvisionedVolume volume =
              volumes.create(
                  new VolumeRequest(
                      request.getName(),
                      request.getParametersOrDefault("clusterID", ""),
                      size,
                      request.getCapacityRange().getLimitBytes(),
                      request.getParametersMap(),
                      request.getSecretsMap()));
          return CreateVolumeResponse.newBuilder()
              .setVolume(
                  Volume.newBuilder()
                      .setVolumeId(volume.volumeId())
                      .setCapacityBytes(volume.capacityBytes())
                      .putAllVolumeContext(volume.context()))
              .build();
        });
  }

  @Override
  public void deleteVolume(
      DeleteVolumeRequest request, StreamObserver<DeleteVolumeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireVolumeId(request.getVolumeId());
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
          requireVolumeId(request.getVolumeId());
          if (request.hasVolumeCapability()) {
            accessModes.require(List.of(request.getVolumeCapability()));
          }
          long size =
              volumes.expand(
                  request.getVolumeId(),
                  Capacity.sizeFor(request.getCapacityRange()),
                  request.getSecretsMap());
          // a filesystem must grow on the node; a raw block device is done once the image is
          return ControllerExpandVolumeResponse.newBuilder()
              .setCapacityBytes(size)
              .setNodeExpansionRequired(!request.getVolumeCapability().hasBlock())
              .build();
        });
  }

  @Override
  public void validateVolumeCapabilities(
      ValidateVolumeCapabilitiesRequest request,
      StreamObserver<ValidateVolumeCapabilitiesResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          requireVolumeId(request.getVolumeId());
          if (request.getVolumeCapabilitiesList().isEmpty()) {
            throw CsiException.invalidArgument("volume_capabilities are required");
          }
          if (!volumes.exists(request.getVolumeId(), request.getSecretsMap())) {
            throw CsiException.notFound("volume " + request.getVolumeId() + " does not exist");
          }
          var response = ValidateVolumeCapabilitiesResponse.newBuilder();
          accessModes
              .unsupported(request.getVolumeCapabilitiesList())
              .ifPresentOrElse(
                  response::setMessage,
                  () ->
                      response.setConfirmed(
                          ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
                              .addAllVolumeCapabilities(request.getVolumeCapabilitiesList())
                              .putAllVolumeContext(request.getVolumeContextMap())
                              .putAllParameters(request.getParametersMap())));
          return response.build();
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
          for (Type type : CAPABILITIES) {
            response.addCapabilities(
                ControllerServiceCapability.newBuilder()
                    .setRpc(ControllerServiceCapability.RPC.newBuilder().setType(type)));
          }
          return response.build();
        });
  }

  private static void requireVolumeId(String volumeId) {
    if (volumeId.isEmpty()) {
      throw CsiException.invalidArgument("volume_id is required");
    }
  }
}
