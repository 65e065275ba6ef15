package io.strata.csi.identity;

import com.google.protobuf.BoolValue;
import csi.v1.GetPluginCapabilitiesRequest;
import csi.v1.GetPluginCapabilitiesResponse;
import csi.v1.GetPluginInfoRequest;
import csi.v1.GetPluginInfoResponse;
import csi.v1.IdentityGrpc;
import csi.v1.PluginCapability;
import csi.v1.ProbeRequest;
import csi.v1.ProbeResponse;
import io.grpc.stub.StreamObserver;
import io.strata.csi.Rpc;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** CSI Identity: who the plugin is, what it implements, and whether it is ready. */
public final class IdentityService extends IdentityGrpc.IdentityImplBase {
  private static final Logger LOG = LoggerFactory.getLogger(IdentityService.class);

  private final PluginInfo info;
  private final List<PluginCapability> capabilities;
  private final Readiness readiness;

  /**
   * @param capabilities exactly what the plugin's registered services implement
   */
  public IdentityService(
      PluginInfo info, List<PluginCapability> capabilities, Readiness readiness) {
    this.info = info;
    this.capabilities = List.copyOf(capabilities);
    this.readiness = readiness;
  }

  @Override
  public void getPluginInfo(
      GetPluginInfoRequest request, StreamObserver<GetPluginInfoResponse> observer) {
    Rpc.respond(
        observer,
        () ->
            GetPluginInfoResponse.newBuilder()
                .setName(info.driverName())
                .setVendorVersion(info.version())
                .build());
  }

  @Override
  public void getPluginCapabilities(
      GetPluginCapabilitiesRequest request,
      StreamObserver<GetPluginCapabilitiesResponse> observer) {
    Rpc.respond(
        observer,
        () -> GetPluginCapabilitiesResponse.newBuilder().addAllCapabilities(capabilities).build());
  }

  @Override
  public void probe(ProbeRequest request, StreamObserver<ProbeResponse> observer) {
    Rpc.respond(
        observer,
        () -> {
          var reason = readiness.notReadyReason();
          reason.ifPresent(why -> LOG.warn("not ready: {}", why));
          return ProbeResponse.newBuilder().setReady(BoolValue.of(reason.isEmpty())).build();
        });
  }

  /** The capability a plugin advertises when it serves the Controller service. */
  public static PluginCapability controllerService() {
    return PluginCapability.newBuilder()
        .setService(
            PluginCapability.Service.newBuilder()
                .setType(PluginCapability.Service.Type.CONTROLLER_SERVICE))
        .build();
  }
}
