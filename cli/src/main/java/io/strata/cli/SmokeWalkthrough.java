package io.strata.cli;

import csi.v1.CapacityRange;
import csi.v1.ControllerGrpc;
import csi.v1.CreateVolumeRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.GetPluginInfoRequest;
import csi.v1.IdentityGrpc;
import csi.v1.ProbeRequest;
import csi.v1.ValidateVolumeCapabilitiesRequest;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import io.grpc.ManagedChannel;
import io.strata.csi.ClusterAccess;
import io.strata.csi.client.CsiChannels;
import java.io.PrintStream;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;

/** Calls the local plugins over their sockets the way a CO would, printing every step. */
final class SmokeWalkthrough {
  private final LocalStack.Info stack;
  private final PrintStream out;
  private int failures;

  SmokeWalkthrough(LocalStack.Info stack, PrintStream out) {
    this.stack = stack;
    this.out = out;
  }

  /** True when every step succeeded. */
  boolean run() {
    stack.endpoints().forEach((plugin, endpoint) -> identity(plugin, CsiChannels.open(endpoint)));
    ManagedChannel channel =
        CsiChannels.open(stack.endpoints().get(LocalStack.Plugin.RBD_CONTROLLER));
    try {
      rbdVolumeLifecycle(ControllerGrpc.newBlockingStub(channel));
    } finally {
      channel.shutdownNow();
    }
    out.println(
        failures == 0 ? "smoke: all steps passed" : "smoke: " + failures + " step(s) failed");
    return failures == 0;
  }

  private void identity(LocalStack.Plugin plugin, ManagedChannel channel) {
    try {
      var identity = IdentityGrpc.newBlockingStub(channel);
      step(
          plugin + " GetPluginInfo",
          () -> {
            var info = identity.getPluginInfo(GetPluginInfoRequest.getDefaultInstance());
            return info.getName() + " " + info.getVendorVersion();
          });
      step(
          plugin + " Probe",
          () -> "ready=" + identity.probe(ProbeRequest.getDefaultInstance()).getReady().getValue());
    } finally {
      channel.shutdownNow();
    }
  }

  private void rbdVolumeLifecycle(ControllerGrpc.ControllerBlockingStub controller) {
    Map<String, String> secrets =
        Map.of(ClusterAccess.USER_ID, "admin", ClusterAccess.USER_KEY, stack.cluster().adminKey());
    VolumeCapability capability =
        VolumeCapability.newBuilder()
            .setMount(VolumeCapability.MountVolume.getDefaultInstance())
            .setAccessMode(
                VolumeCapability.AccessMode.newBuilder()
                    .setMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
            .build();
    CreateVolumeRequest create =
        CreateVolumeRequest.newBuilder()
            .setName("smoke-" + UUID.randomUUID())
            .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(1L << 30))
            .addVolumeCapabilities(capability)
            .putParameters("clusterID", stack.cluster().fsid())
            .putParameters("pool", stack.cluster().rbdPool())
            .putAllSecrets(secrets)
            .build();
    Volume[] volume = new Volume[1];
    step(
        "RBD CreateVolume 1 GiB",
        () -> {
          volume[0] = controller.createVolume(create).getVolume();
          return volume[0].getVolumeId()
              + " image "
              + volume[0].getVolumeContextOrThrow("imageName");
        });
    if (volume[0] == null) {
      return;
    }
    step(
        "RBD CreateVolume again (idempotent)",
        () ->
            "same id: "
                + controller
                    .createVolume(create)
                    .getVolume()
                    .getVolumeId()
                    .equals(volume[0].getVolumeId()));
    step(
        "RBD ValidateVolumeCapabilities",
        () ->
            "confirmed: "
                + controller
                    .validateVolumeCapabilities(
                        ValidateVolumeCapabilitiesRequest.newBuilder()
                            .setVolumeId(volume[0].getVolumeId())
                            .addVolumeCapabilities(capability)
                            .putAllSecrets(secrets)
                            .build())
                    .hasConfirmed());
    step(
        "RBD DeleteVolume",
        () -> {
          controller.deleteVolume(
              DeleteVolumeRequest.newBuilder()
                  .setVolumeId(volume[0].getVolumeId())
                  .putAllSecrets(secrets)
                  .build());
          return "deleted";
        });
  }

  private void step(String name, Callable<String> call) {
    long started = System.nanoTime();
    try {
      String result = call.call();
      out.printf("ok    %-40s %6.1f ms  %s%n", name, (System.nanoTime() - started) / 1e6, result);
    } catch (Exception e) {
      failures++;
      out.printf(
          "FAIL  %-40s %6.1f ms  %s%n", name, (System.nanoTime() - started) / 1e6, e.getMessage());
    }
  }
}
