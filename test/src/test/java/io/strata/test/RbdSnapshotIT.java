package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import csi.v1.CreateVolumeRequest;
import csi.v1.GetSnapshotRequest;
import csi.v1.ListSnapshotsRequest;
import csi.v1.ListSnapshotsResponse;
import csi.v1.ListVolumesRequest;
import csi.v1.ListVolumesResponse;
import csi.v1.Snapshot;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeContentSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.RbdImages;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** RBD snapshots, restores and clones over the plugins' sockets, data included. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class RbdSnapshotIT {
  private final LocalStackExtension.Stack stack;
  private final Volumes rbd;
  private final RbdImages images;
  @TempDir Path dir;

  RbdSnapshotIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.rbd = new Volumes(stack, Volumes.Backend.RBD);
    this.images = new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "");
  }

  @Test
  void snapshotRestoreAndCloneReadTheBytesWrittenBeforeTheSnapshot() throws Exception {
    VolumeCapability block = Volumes.block();
    Volume source = rbd.controller.createVolume(rbd.create(16 * MIB, block).build()).getVolume();
    byte[] before = randomBytes((int) MIB);
    Volumes.Published published = rbd.publish(source, block, dir);
    write(published.target(), before);

    String name = "snapshot-" + UUID.randomUUID();
    Snapshot snapshot =
        rbd.controller.createSnapshot(rbd.snapshotRequest(name, source)).getSnapshot();
    assertEquals(
        snapshot, rbd.controller.createSnapshot(rbd.snapshotRequest(name, source)).getSnapshot());
    assertTrue(snapshot.getReadyToUse());
    assertEquals(16 * MIB, snapshot.getSizeBytes());
    assertEquals(source.getVolumeId(), snapshot.getSourceVolumeId());
    assertTrue(snapshot.getCreationTime().getSeconds() > 0);
    // written after the snapshot: the restore must not see it, the clone (taken later) must
    write(published.target(), randomBytes((int) MIB));

    Volume restored = rbd.restore(snapshot, block);
    Volume cloned = rbd.cloneOf(source, block);
    assertEquals(16 * MIB, restored.getCapacityBytes(), "a restore takes the snapshot's size");
    assertEquals(
        snapshot.getSnapshotId(), restored.getContentSource().getSnapshot().getSnapshotId());
    rbd.unpublish(published);

    // the source goes while its snapshot and clone live; both keep its data
    rbd.delete(source);
    assertFalse(images.list().contains(source.getVolumeContextOrThrow("imageName")));
    Volumes.Published restoredOnNode = rbd.publish(restored, block, dir);
    assertArrayEquals(before, read(restoredOnNode.target(), before.length));
    rbd.unpublish(restoredOnNode);
    Volumes.Published clonedOnNode = rbd.publish(cloned, block, dir);
    assertFalse(
        java.util.Arrays.equals(before, read(clonedOnNode.target(), before.length)),
        "the clone was taken after the second write");
    rbd.unpublish(clonedOnNode);

    rbd.delete(restored);
    rbd.delete(cloned);
    rbd.delete(snapshot);
    rbd.delete(snapshot);
    assertNoImagesOf(source, restored, cloned);
  }

  @Test
  void aCloneOfASourceThatGrewReportsTheSizeMadeEverywhere() throws Exception {
    Volume source =
        rbd.controller.createVolume(rbd.create(8 * MIB, Volumes.block()).build()).getVolume();
    // the source grows between the clone's look at it and its copy (an expand racing the clone)
    images.resize(source.getVolumeContextOrThrow("imageName"), 16 * MIB);
    Volume clone = rbd.cloneOf(source, Volumes.block());
    try {
      assertEquals(16 * MIB, images.size(clone.getVolumeContextOrThrow("imageName")));
      assertEquals(16 * MIB, clone.getCapacityBytes(), "CreateVolume");
      ListVolumesResponse.Entry listed =
          listAll().stream()
              .filter(e -> e.getVolume().getVolumeId().equals(clone.getVolumeId()))
              .findFirst()
              .orElseThrow();
      assertEquals(16 * MIB, listed.getVolume().getCapacityBytes(), "ListVolumes");
    } finally {
      rbd.delete(clone);
      rbd.delete(source);
    }
  }

  private List<ListVolumesResponse.Entry> listAll() {
    List<ListVolumesResponse.Entry> entries = new ArrayList<>();
    String token = "";
    do {
      ListVolumesResponse page =
          rbd.controller.listVolumes(
              ListVolumesRequest.newBuilder().setStartingToken(token).build());
      entries.addAll(page.getEntriesList());
      token = page.getNextToken();
    } while (!token.isEmpty());
    return entries;
  }

  @Test
  void snapshotErrorsAndListings() throws Exception {
    Volume volume =
        rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume();
    Volume other =
        rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume();
    List<Snapshot> snapshots = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      snapshots.add(rbd.snapshot(volume));
    }
    try {
      String taken = "snapshot-" + UUID.randomUUID();
      snapshots.add(rbd.controller.createSnapshot(rbd.snapshotRequest(taken, other)).getSnapshot());
      assertCode(
          Status.Code.ALREADY_EXISTS,
          () -> rbd.controller.createSnapshot(rbd.snapshotRequest(taken, volume)));

      List<String> pages = new ArrayList<>();
      String token = "";
      do {
        ListSnapshotsResponse page =
            rbd.controller.listSnapshots(
                listRequest()
                    .setSourceVolumeId(volume.getVolumeId())
                    .setMaxEntries(2)
                    .setStartingToken(token)
                    .build());
        assertTrue(page.getEntriesCount() <= 2);
        page.getEntriesList().forEach(e -> pages.add(e.getSnapshot().getSnapshotId()));
        token = page.getNextToken();
      } while (!token.isEmpty());
      assertEquals(
          snapshots.subList(0, 3).stream().map(Snapshot::getSnapshotId).sorted().toList(),
          pages.stream().sorted().toList());

      ListSnapshotsResponse byId =
          rbd.controller.listSnapshots(
              listRequest().setSnapshotId(snapshots.get(3).getSnapshotId()).build());
      assertEquals(
          List.of(snapshots.get(3)),
          byId.getEntriesList().stream().map(e -> e.getSnapshot()).toList());
      List<String> everywhere =
          rbd.controller.listSnapshots(listRequest().build()).getEntriesList().stream()
              .map(e -> e.getSnapshot().getSnapshotId())
              .toList();
      assertTrue(everywhere.containsAll(snapshots.stream().map(Snapshot::getSnapshotId).toList()));
      assertCode(
          Status.Code.ABORTED,
          () -> rbd.controller.listSnapshots(listRequest().setStartingToken("bogus").build()));

      assertEquals(
          snapshots.get(0),
          rbd.controller
              .getSnapshot(
                  GetSnapshotRequest.newBuilder()
                      .setSnapshotId(snapshots.get(0).getSnapshotId())
                      .putAllSecrets(stack.adminSecrets())
                      .build())
              .getSnapshot());

      String unknown =
          new io.strata.csi.id.CsiId(stack.cluster().fsid(), 1, UUID.randomUUID()).encode();
      assertCode(
          Status.Code.NOT_FOUND,
          () ->
              rbd.controller.createSnapshot(
                  rbd.snapshotRequest(
                      "snapshot-" + UUID.randomUUID(),
                      Volume.newBuilder().setVolumeId(unknown).build())));
      CreateVolumeRequest fromUnknown =
          rbd.create(4 * MIB, Volumes.block())
              .setVolumeContentSource(
                  VolumeContentSource.newBuilder()
                      .setSnapshot(
                          VolumeContentSource.SnapshotSource.newBuilder().setSnapshotId(unknown)))
              .build();
      assertCode(Status.Code.NOT_FOUND, () -> rbd.controller.createVolume(fromUnknown));
      CreateVolumeRequest tooSmall =
          rbd.create(2 * MIB, Volumes.block())
              .setVolumeContentSource(
                  VolumeContentSource.newBuilder()
                      .setSnapshot(
                          VolumeContentSource.SnapshotSource.newBuilder()
                              .setSnapshotId(snapshots.get(0).getSnapshotId())))
              .build();
      assertCode(Status.Code.OUT_OF_RANGE, () -> rbd.controller.createVolume(tooSmall));
    } finally {
      snapshots.forEach(rbd::delete);
      rbd.delete(volume);
      rbd.delete(other);
    }
    assertCode(
        Status.Code.NOT_FOUND,
        () ->
            rbd.controller.getSnapshot(
                GetSnapshotRequest.newBuilder()
                    .setSnapshotId(snapshots.get(0).getSnapshotId())
                    .putAllSecrets(stack.adminSecrets())
                    .build()));
    assertNoImagesOf(volume, other);
  }

  @Test
  void chainsOfSnapshotsAndRestoresAreFlattenedPastTheDepthLimit() throws Exception {
    VolumeCapability block = Volumes.block();
    List<Volume> volumes = new ArrayList<>();
    List<Snapshot> snapshots = new ArrayList<>();
    volumes.add(rbd.controller.createVolume(rbd.create(4 * MIB, block).build()).getVolume());
    try {
      // depths: snapshot 1, restore 2, snapshot 3, restore 4, snapshot 5 > limit 4: flattened
      for (int i = 0; i < 3; i++) {
        snapshots.add(rbd.snapshot(volumes.get(volumes.size() - 1)));
        if (i < 2) {
          volumes.add(rbd.restore(snapshots.get(snapshots.size() - 1), block));
        }
      }
      assertTrue(hasParent(snapshotImage(snapshots.get(1))), "depth 3 is still a clone");
      assertTrue(hasParent(volumes.get(2).getVolumeContextOrThrow("imageName")), "depth 4 too");
      assertFalse(hasParent(snapshotImage(snapshots.get(2))), "depth 5 was flattened");
    } finally {
      for (int i = volumes.size() - 1; i >= 0; i--) {
        rbd.delete(volumes.get(i));
      }
      snapshots.forEach(rbd::delete);
    }
    assertNoImagesOf(volumes.toArray(Volume[]::new));
  }

  /**
   * Neither the volumes' images nor any snapshot image remain, not even in the trash, once the
   * plugin's sweep after DeleteSnapshot (or the manager) has removed what it trashed.
   */
  private void assertNoImagesOf(Volume... volumes) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
    while (!images.trash().isEmpty() && System.nanoTime() < deadline) {
      TimeUnit.MILLISECONDS.sleep(200);
    }
    List<String> left = new ArrayList<>(images.list());
    images.trash().forEach(entry -> left.add(entry.name()));
    for (Volume volume : volumes) {
      assertFalse(left.contains(volume.getVolumeContextOrThrow("imageName")), left::toString);
    }
    assertTrue(left.stream().noneMatch(name -> name.startsWith("csi-snap-")), left::toString);
  }

  private String snapshotImage(Snapshot snapshot) {
    return "csi-snap-" + snapshot.getSnapshotId().substring(snapshot.getSnapshotId().length() - 36);
  }

  private boolean hasParent(String image) throws IOException, InterruptedException {
    Process rbdInfo =
        new ProcessBuilder(
                "rbd",
                "-c",
                stack.cluster().configFile().toString(),
                "info",
                "--format",
                "json",
                stack.cluster().rbdPool() + "/" + image)
            .redirectErrorStream(true)
            .start();
    JsonNode info = new ObjectMapper().readTree(rbdInfo.getInputStream());
    assertEquals(0, rbdInfo.waitFor(), info::toString);
    return info.has("parent");
  }

  private ListSnapshotsRequest.Builder listRequest() {
    return ListSnapshotsRequest.newBuilder().putAllSecrets(stack.adminSecrets());
  }

  private static byte[] randomBytes(int length) {
    byte[] bytes = new byte[length];
    new Random().nextBytes(bytes);
    return bytes;
  }

  /** Writes at offset 0 of a published block device and flushes it to Ceph. */
  private static void write(Path device, byte[] data) throws IOException {
    try (FileChannel channel = FileChannel.open(device, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.wrap(data), 0);
      channel.force(true);
    }
  }

  private static byte[] read(Path device, int length) throws IOException {
    try (FileChannel channel = FileChannel.open(device, StandardOpenOption.READ)) {
      ByteBuffer buffer = ByteBuffer.allocate(length);
      while (buffer.hasRemaining() && channel.read(buffer, buffer.position()) > 0) {}
      return buffer.array();
    }
  }

  private static void assertCode(Status.Code expected, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(expected, e.getStatus().getCode(), e.getStatus().getDescription());
  }
}
