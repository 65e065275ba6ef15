package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CapacityRange;
import csi.v1.ControllerExpandVolumeRequest;
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
import java.util.UUID;
import java.util.concurrent.TimeUnit;
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

    String id = images.id(image);
    rbd.delete(busy); // the node still has the image open
    assertFalse(images.list().contains(image));
    assertTrue(trashed(image), "a busy image waits in the trash");
    // one remover per image: the plugin's sweep, never a manager task beside it (two removers of
    // one image crash librbd 16)
    String tasks = stack.adminConnection().mgrCommand(Map.of("prefix", "rbd task list")).output();
    assertFalse(tasks.contains(id), tasks);

    rbd.unpublish(published);
    // the next delete in the pool sweeps what is no longer held
    rbd.delete(rbd.controller.createVolume(rbd.create(MIB, Volumes.block()).build()).getVolume());
    assertFalse(trashed(image), "released, then swept from the trash");
  }

  @Test
  void imagesGetAnObjectMapByDefaultAndImageFeaturesIsValidated() {
    Volume standard =
        rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume();
    Volume plain =
        rbd.controller
            .createVolume(
                rbd.create(4 * MIB, Volumes.block())
                    .putParameters("imageFeatures", "layering, exclusive-lock")
                    .build())
            .getVolume();
    try {
      // layering, exclusive-lock, object-map, fast-diff, deep-flatten
      assertEquals(1 | 4 | 8 | 16 | 32, features(standard));
      assertEquals(1 | 4, features(plain));
    } finally {
      rbd.delete(standard);
      rbd.delete(plain);
    }
    for (String refused : List.of("layering,bogus", "layering,fast-diff", "exclusive-lock")) {
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () ->
              rbd.controller.createVolume(
                  rbd.create(4 * MIB, Volumes.block())
                      .putParameters("imageFeatures", refused)
                      .build()));
    }
  }

  @Test
  void volumesBeyondTheSizeBoundAreOutOfRange() {
    List<String> before = images.list();
    assertCode(
        Status.Code.OUT_OF_RANGE,
        () -> rbd.controller.createVolume(rbd.create(1L << 60, Volumes.block()).build()));
    assertEquals(before, images.list(), "nothing was made");
    Volume volume =
        rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume();
    try {
      assertCode(
          Status.Code.OUT_OF_RANGE,
          () ->
              rbd.controller.controllerExpandVolume(
                  ControllerExpandVolumeRequest.newBuilder()
                      .setVolumeId(volume.getVolumeId())
                      .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(1L << 60))
                      .putAllSecrets(stack.adminSecrets())
                      .build()));
      assertEquals(4 * MIB, images.size(volume.getVolumeContextOrThrow("imageName")));
    } finally {
      rbd.delete(volume);
    }
  }

  @Test
  void aLargeImageWithoutObjectMapIsLeftToTheManagerInsteadOfHoldingTheCall() throws Exception {
    Volume large =
        rbd.controller
            .createVolume(
                rbd.create(64L << 30, Volumes.block())
                    .putParameters("imageFeatures", "layering")
                    .build())
            .getVolume();
    String image = large.getVolumeContextOrThrow("imageName");
    rbd.delete(large); // removing it here would delete 16,384 objects one by one
    assertFalse(images.list().contains(image));
    assertTrue(trashed(image), "moved to the trash for the manager's removal task");
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
    while (trashed(image) && System.nanoTime() < deadline) {
      TimeUnit.SECONDS.sleep(1); // the manager's task works through the objects
    }
    assertFalse(trashed(image), "the manager removed it");
  }

  @Test
  void aDeleteSweepsOnlyTheTrashEntriesThisPluginMade() {
    // another client's image, named as ceph-csi and Strata name theirs
    String foreign = "csi-vol-" + UUID.randomUUID();
    images.create(foreign, 4 * MIB, RbdImages.FEATURE_LAYERING);
    String foreignId = images.id(foreign);
    images.moveToTrash(foreign);
    try {
      rbd.delete(
          rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume());
      assertTrue(trashed(foreign), "another client's trash entry is left alone");
    } finally {
      images.removeFromTrash(foreignId);
    }
  }

  private long features(Volume volume) {
    return images.info(volume.getVolumeContextOrThrow("imageName")).features();
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
