package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CapacityRange;
import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.NodeExpandVolumeRequest;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.ceph.RbdImages;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * An RBD volume's whole life as Kubernetes drives it, over the controller's and the node's sockets:
 * create, stage (format + mount), publish, write, expand, read back, unpublish, unstage, delete;
 * nothing may remain afterwards.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class RbdVolumeLifecycleIT {
  private final LocalStackExtension.Stack stack;
  private final Volumes rbd;
  @TempDir Path dir;

  RbdVolumeLifecycleIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.rbd = new Volumes(stack, Volumes.Backend.RBD);
  }

  @Test
  void filesystemVolumeServesDataAndGrows() throws Exception {
    VolumeCapability xfs = Volumes.mount("xfs", Mode.SINGLE_NODE_WRITER);
    Volume volume = rbd.controller.createVolume(rbd.create(320 * MIB, xfs).build()).getVolume();
    String image = volume.getVolumeContextOrThrow("imageName");
    byte[] data = ("written through a published volume " + UUID.randomUUID()).getBytes();

    Volumes.Published published = rbd.publish(volume, xfs, dir);
    Path target = published.target();
    Files.write(target.resolve("data"), data);
    long before = rbd.totalBytes(volume, target);

    long grown =
        rbd.controller
            .controllerExpandVolume(
                ControllerExpandVolumeRequest.newBuilder()
                    .setVolumeId(volume.getVolumeId())
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(640 * MIB))
                    .setVolumeCapability(xfs)
                    .putAllSecrets(stack.adminSecrets())
                    .build())
            .getCapacityBytes();
    assertEquals(640 * MIB, grown);
    rbd.node.nodeExpandVolume(
        NodeExpandVolumeRequest.newBuilder()
            .setVolumeId(volume.getVolumeId())
            .setVolumePath(target.toString())
            .setStagingTargetPath(published.staging().toString())
            .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(640 * MIB))
            .setVolumeCapability(xfs)
            .build());
    assertTrue(rbd.totalBytes(volume, target) > before + 256 * MIB, "the filesystem grew");
    assertArrayEquals(data, Files.readAllBytes(target.resolve("data")));

    rbd.unpublish(published);
    assertFalse(Files.exists(target), "unpublish removes the target");
    rbd.delete(volume);

    assertFalse(
        new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "")
            .list()
            .contains(image));
    assertFalse(
        Files.readString(Path.of("/proc/self/mountinfo")).contains(dir.toString()),
        "no mount left under the test's directories");
  }
}
