package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CapacityRange;
import csi.v1.ControllerGrpc;
import csi.v1.CreateVolumeRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.ValidateVolumeCapabilitiesRequest;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.RbdImages;
import io.strata.cli.LocalStack.Plugin;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** CreateVolume and DeleteVolume for RBD over the controller's socket on the real cluster. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class RbdControllerIT {
  private static final long MIB = 1 << 20;
  private final LocalStackExtension.Stack stack;
  private final ControllerGrpc.ControllerBlockingStub controller;
  private final RbdImages images;

  RbdControllerIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.controller = ControllerGrpc.newBlockingStub(stack.channel(Plugin.RBD_CONTROLLER));
    this.images = new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "");
  }

  @Test
  void createsAnImageOnceAndDeletesItIdempotently() {
    CreateVolumeRequest request = create("pvc-" + UUID.randomUUID(), 5 * MIB + 1);
    Volume volume = controller.createVolume(request).getVolume();
    Volume again = controller.createVolume(request).getVolume();

    assertEquals(volume, again, "same request, same answer");
    assertEquals(6 * MIB, volume.getCapacityBytes(), "rounded up to whole MiB");
    assertTrue(volume.getVolumeId().length() <= 128);
    String image = volume.getVolumeContextOrThrow("imageName");
    assertEquals(stack.cluster().rbdPool(), volume.getVolumeContextOrThrow("pool"));
    assertEquals(6 * MIB, images.size(image));

    controller.deleteVolume(delete(volume.getVolumeId()));
    controller.deleteVolume(delete(volume.getVolumeId()));
    assertFalse(images.list().contains(image));
  }

  @Test
  void sameNameOtherSizeIsAlreadyExists() {
    String name = "pvc-" + UUID.randomUUID();
    Volume volume = controller.createVolume(create(name, 2 * MIB)).getVolume();
    try {
      assertCode(Status.Code.ALREADY_EXISTS, () -> controller.createVolume(create(name, 8 * MIB)));
    } finally {
      controller.deleteVolume(delete(volume.getVolumeId()));
    }
  }

  @Test
  void rejectsWhatCannotBeCreated() {
    assertCode(Status.Code.INVALID_ARGUMENT, () -> controller.createVolume(create("", MIB)));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            controller.createVolume(
                create("x", MIB).toBuilder().clearVolumeCapabilities().build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            controller.createVolume(
                create("x", MIB).toBuilder().putParameters("pool", "no-such-pool").build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> controller.createVolume(create("x", MIB).toBuilder().clearSecrets().build()));
    assertCode(
        Status.Code.OUT_OF_RANGE,
        () ->
            controller.createVolume(
                create("x", 10 * MIB).toBuilder()
                    .setCapacityRange(
                        CapacityRange.newBuilder().setRequiredBytes(10 * MIB).setLimitBytes(MIB))
                    .build()));
  }

  @Test
  void deleteOfAnUnknownOrMalformedIdSucceeds() {
    controller.deleteVolume(delete("not-a-volume-id"));
    String wellFormedButUnknown =
        new io.strata.csi.id.CsiId(stack.cluster().fsid(), 1, UUID.randomUUID()).encode();
    controller.deleteVolume(delete(wellFormedButUnknown));
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            controller.validateVolumeCapabilities(
                ValidateVolumeCapabilitiesRequest.newBuilder()
                    .setVolumeId(wellFormedButUnknown)
                    .addVolumeCapabilities(mountCapability())
                    .putAllSecrets(stack.adminSecrets())
                    .build()));
  }

  private CreateVolumeRequest create(String name, long bytes) {
    return CreateVolumeRequest.newBuilder()
        .setName(name)
        .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(bytes))
        .addVolumeCapabilities(mountCapability())
        .putAllParameters(
            Map.of("clusterID", stack.cluster().fsid(), "pool", stack.cluster().rbdPool()))
        .putAllSecrets(stack.adminSecrets())
        .build();
  }

  private DeleteVolumeRequest delete(String volumeId) {
    return DeleteVolumeRequest.newBuilder()
        .setVolumeId(volumeId)
        .putAllSecrets(stack.adminSecrets())
        .build();
  }

  private static VolumeCapability mountCapability() {
    return VolumeCapability.newBuilder()
        .setMount(VolumeCapability.MountVolume.getDefaultInstance())
        .setAccessMode(
            VolumeCapability.AccessMode.newBuilder()
                .setMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
        .build();
  }

  private static void assertCode(Status.Code expected, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(expected, e.getStatus().getCode(), e.getStatus().getDescription());
  }
}
