package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.ControllerGetVolumeRequest;
import csi.v1.ControllerModifyVolumeRequest;
import csi.v1.GetCapacityRequest;
import csi.v1.ListVolumesRequest;
import csi.v1.ListVolumesResponse;
import csi.v1.Volume;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.RbdImages;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The RBD controller's other RPCs: QoS, metadata, listings, capacity, deletes of busy images. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class RbdControllerFeaturesIT {
  private final LocalStackExtension.Stack stack;
  private final Volumes rbd;
  private final RbdImages images;
  @TempDir Path dir;

  RbdControllerFeaturesIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.rbd = new Volumes(stack, Volumes.Backend.RBD);
    this.images = new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "");
  }

  @Test
  void qosLimitsAndPvcNamesLiveOnTheImage() {
    Volume volume =
        rbd.controller
            .createVolume(
                rbd.create(4 * MIB, Volumes.block())
                    .putParameters("csi.storage.k8s.io/pvc/name", "data")
                    .putParameters("csi.storage.k8s.io/pvc/namespace", "shop")
                    .putParameters("csi.storage.k8s.io/pv/name", "pvc-1234")
                    .putMutableParams("rbd_qos_iops_limit", "500")
                    .build())
            .getVolume();
    String image = volume.getVolumeContextOrThrow("imageName");
    try {
      assertEquals(Optional.of("data"), images.metadata(image, "csi.storage.k8s.io/pvc/name"));
      assertEquals(Optional.of("shop"), images.metadata(image, "csi.storage.k8s.io/pvc/namespace"));
      assertEquals(Optional.of("pvc-1234"), images.metadata(image, "csi.storage.k8s.io/pv/name"));
      assertFalse(volume.containsVolumeContext("csi.storage.k8s.io/pvc/name"));
      assertEquals(Optional.of("500"), images.metadata(image, "conf_rbd_qos_iops_limit"));

      rbd.controller.controllerModifyVolume(modify(volume, Map.of("rbd_qos_bps_limit", "1048576")));
      assertEquals(Optional.of("1048576"), images.metadata(image, "conf_rbd_qos_bps_limit"));
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () -> rbd.controller.controllerModifyVolume(modify(volume, Map.of("iops", "5"))));
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () ->
              rbd.controller.controllerModifyVolume(
                  modify(volume, Map.of("rbd_qos_iops_limit", "-1"))));
    } finally {
      rbd.delete(volume);
    }
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            rbd.controller.controllerModifyVolume(
                modify(volume, Map.of("rbd_qos_iops_limit", "5"))));
  }

  @Test
  void listsGetsAndMeasuresVolumesWithTheControllersOwnCredentials() {
    List<Volume> created = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      created.add(
          rbd.controller.createVolume(rbd.create(2 * MIB, Volumes.block()).build()).getVolume());
    }
    try {
      List<Volume> listed = new ArrayList<>();
      String token = "";
      do {
        ListVolumesResponse page =
            rbd.controller.listVolumes(
                ListVolumesRequest.newBuilder().setMaxEntries(1).setStartingToken(token).build());
        assertTrue(page.getEntriesCount() <= 1);
        page.getEntriesList().forEach(e -> listed.add(e.getVolume()));
        token = page.getNextToken();
      } while (!token.isEmpty());
      for (Volume volume : created) {
        assertTrue(
            listed.stream().anyMatch(v -> v.getVolumeId().equals(volume.getVolumeId())),
            volume.getVolumeId());
      }
      assertCode(
          Status.Code.ABORTED,
          () ->
              rbd.controller.listVolumes(
                  ListVolumesRequest.newBuilder().setStartingToken("not-a-token").build()));

      Volume got =
          rbd.controller
              .controllerGetVolume(
                  ControllerGetVolumeRequest.newBuilder()
                      .setVolumeId(created.get(0).getVolumeId())
                      .build())
              .getVolume();
      assertEquals(created.get(0).getCapacityBytes(), got.getCapacityBytes());
      assertEquals(created.get(0).getVolumeContextMap(), got.getVolumeContextMap());

      long available =
          rbd.controller
              .getCapacity(
                  GetCapacityRequest.newBuilder()
                      .putParameters("clusterID", stack.cluster().fsid())
                      .putParameters("pool", stack.cluster().rbdPool())
                      .build())
              .getAvailableCapacity();
      assertTrue(available > 64 * MIB, "the local pool has room: " + available);
    } finally {
      created.forEach(rbd::delete);
    }
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            rbd.controller.controllerGetVolume(
                ControllerGetVolumeRequest.newBuilder()
                    .setVolumeId(created.get(0).getVolumeId())
                    .build()));
  }

  @Test
  void deletingAnImageInUseMovesItToTheTrashUntilItIsReleased() throws Exception {
    Volume busy =
        rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume();
    String image = busy.getVolumeContextOrThrow("imageName");
    Volumes.Published published = rbd.publish(busy, Volumes.block(), dir);

    rbd.delete(busy); // the node still has the image open
    assertFalse(images.list().contains(image));
    assertTrue(trashed(image), "a busy image waits in the trash");

    rbd.unpublish(published);
    // the next delete in the pool sweeps what is no longer held
    rbd.delete(rbd.controller.createVolume(rbd.create(MIB, Volumes.block()).build()).getVolume());
    assertFalse(trashed(image), "released, then swept from the trash");
  }

  private boolean trashed(String image) {
    return images.trash().stream().anyMatch(entry -> entry.name().equals(image));
  }

  private ControllerModifyVolumeRequest modify(Volume volume, Map<String, String> mutable) {
    return ControllerModifyVolumeRequest.newBuilder()
        .setVolumeId(volume.getVolumeId())
        .putAllMutableParameters(mutable)
        .putAllSecrets(stack.adminSecrets())
        .build();
  }

  private static void assertCode(Status.Code expected, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(expected, e.getStatus().getCode(), e.getStatus().getDescription());
  }
}
