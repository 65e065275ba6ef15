package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateVolumeRequest;
import csi.v1.Snapshot;
import csi.v1.Volume;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.Filesystems;
import io.strata.ceph.Omap;
import io.strata.ceph.RbdImages;
import io.strata.ceph.Subvolumes;
import io.strata.csi.id.CsiId;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a kill -9 in the middle of a create leaves, made exactly: librbd writes an image's id object
 * and directory entry before its header, so a crash between them leaves an image that cannot be
 * opened, and the journal entry still says the create was under way. The retried request must
 * answer with an object that opens and has its size, never OK for a broken one.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class CrashRecoveryIT {
  private final LocalStackExtension.Stack stack;
  private final Volumes rbd;
  private final RbdImages images;
  private final Omap rbdJournal;

  /** The pieces of an image a crash during librbd's create can leave without the rest. */
  enum Remnant {
    ID_AND_DIRECTORY_ENTRY, // rbd_header.<id> missing
    DIRECTORY_ENTRY_ONLY // rbd_id.<name> missing as well
  }

  CrashRecoveryIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.rbd = new Volumes(stack, Volumes.Backend.RBD);
    this.images = new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "");
    this.rbdJournal = new Omap(stack.adminConnection(), stack.cluster().rbdPool(), "");
  }

  @ParameterizedTest
  @EnumSource(Remnant.class)
  void aRetriedCreateRemakesAnImageTheCrashCutInHalf(Remnant remnant) {
    CreateVolumeRequest request = rbd.create(8 * MIB, Volumes.block()).build();
    Volume first = rbd.controller.createVolume(request).getVolume();
    String image = first.getVolumeContextOrThrow("imageName");
    cutInHalf(image, remnant);
    markCreating("csi.volume.", first.getVolumeId());
    try {
      Volume retried = rbd.controller.createVolume(request).getVolume();
      assertEquals(first.getVolumeId(), retried.getVolumeId());
      assertEquals(8 * MIB, images.size(image), "the image the retry answered with opens");
      assertEquals(8 * MIB, retried.getCapacityBytes());
    } finally {
      rbd.delete(first);
    }
  }

  @Test
  void aRetriedSnapshotRemakesASnapshotImageTheCrashCutInHalf() throws Exception {
    Volume volume =
        rbd.controller.createVolume(rbd.create(8 * MIB, Volumes.block()).build()).getVolume();
    CreateSnapshotRequest request = rbd.snapshotRequest("crash-snap-" + System.nanoTime(), volume);
    Snapshot first = rbd.controller.createSnapshot(request).getSnapshot();
    String snapshotImage = "csi-snap-" + CsiId.decode(first.getSnapshotId()).orElseThrow().uuid();
    // what a kill during the clone leaves: the child's id and directory entry, no header, and so
    // no link to its parent yet (cutting a finished clone instead would strand its parent)
    images.removeSnapshot(snapshotImage, snapshotImage);
    images.remove(snapshotImage);
    images.create(snapshotImage, 8 * MIB, RbdImages.FEATURE_LAYERING);
    cutInHalf(snapshotImage, Remnant.ID_AND_DIRECTORY_ENTRY);
    markCreating("csi.snap.", first.getSnapshotId());
    Volume restored = null;
    try {
      Snapshot retried = rbd.controller.createSnapshot(request).getSnapshot();
      assertEquals(first.getSnapshotId(), retried.getSnapshotId());
      assertTrue(images.hasSnapshot(snapshotImage, snapshotImage), "the retry's snapshot opens");
      restored = rbd.restore(retried, Volumes.block());
      assertEquals(8 * MIB, images.size(restored.getVolumeContextOrThrow("imageName")));
    } finally {
      if (restored != null) {
        rbd.delete(restored);
      }
      rbd.delete(first);
      rbd.delete(volume);
    }
  }

  @Test
  void aVolumeWhoseImageVanishedIsNeverAnsweredOk() {
    CreateVolumeRequest request = rbd.create(4 * MIB, Volumes.block()).build();
    Volume volume = rbd.controller.createVolume(request).getVolume();
    try {
      images.remove(volume.getVolumeContextOrThrow("imageName")); // behind the driver's back
      StatusRuntimeException answer =
          assertThrows(StatusRuntimeException.class, () -> rbd.controller.createVolume(request));
      assertEquals(Status.Code.INTERNAL, answer.getStatus().getCode());
      assertTrue(answer.getStatus().getDescription().contains("cannot be opened"));
    } finally {
      rbd.delete(volume);
    }
  }

  @Test
  void aRetriedCephFsCreateRemakesASubvolumeThatIsGone() {
    Volumes cephfs = new Volumes(stack, Volumes.Backend.CEPHFS);
    CreateVolumeRequest request =
        cephfs
            .create(
                8 * MIB,
                Volumes.mount("", csi.v1.VolumeCapability.AccessMode.Mode.MULTI_NODE_MULTI_WRITER))
            .build();
    Volume first = cephfs.controller.createVolume(request).getVolume();
    String subvolume = first.getVolumeContextOrThrow("subvolumeName");
    Subvolumes subvolumes =
        new Subvolumes(
            stack.adminConnection(), stack.cluster().fsName(), stack.cluster().subvolumeGroup());
    subvolumes.remove(subvolume, true);
    long metadataPool =
        new Filesystems(stack.adminConnection())
            .byName(stack.cluster().fsName())
            .orElseThrow()
            .metadataPoolId();
    new Omap(stack.adminConnection(), stack.adminConnection().poolName(metadataPool), "csi")
        .set(entryObject("csi.volume.", first.getVolumeId()), Map.of("csi.state", "creating"));
    try {
      Volume retried = cephfs.controller.createVolume(request).getVolume();
      assertEquals(first.getVolumeId(), retried.getVolumeId());
      assertEquals(8 * MIB, subvolumes.info(subvolume).bytesQuota());
    } finally {
      cephfs.delete(first);
    }
  }

  /** Removes what librbd writes last, as a kill during its create would not have written it. */
  private void cutInHalf(String image, Remnant remnant) {
    String id = images.id(image);
    removeObject("rbd_header." + id);
    if (remnant == Remnant.DIRECTORY_ENTRY_ONLY) {
      removeObject("rbd_id." + image);
    }
    assertThrows(RuntimeException.class, () -> images.size(image), "the image no longer opens");
  }

  /** The journal entry as it is while a create is under way. */
  private void markCreating(String entryPrefix, String csiId) {
    rbdJournal.set(entryObject(entryPrefix, csiId), Map.of("csi.state", "creating"));
  }

  private static String entryObject(String entryPrefix, String csiId) {
    return entryPrefix + CsiId.decode(csiId).orElseThrow().uuid();
  }

  private void removeObject(String object) {
    stack
        .adminConnection()
        .withPool(
            stack.cluster().rbdPool(),
            "",
            io -> {
              try {
                io.remove(object);
              } catch (Exception e) {
                throw new IllegalStateException("remove " + object, e);
              }
              return null;
            });
  }
}
