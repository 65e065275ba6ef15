package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CapacityRange;
import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.ControllerExpandVolumeResponse;
import csi.v1.CreateVolumeRequest;
import csi.v1.Snapshot;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import csi.v1.VolumeContentSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.Subvolumes;
import io.strata.cli.LocalStack;
import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** CephFS volumes over the plugins' sockets: shared access, snapshots, copies, quotas, errors. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class CephFsVolumesIT {
  private static final VolumeCapability RWX = Volumes.mount("", Mode.MULTI_NODE_MULTI_WRITER);
  private final Volumes cephfs;
  @TempDir Path dir;

  private final LocalStackExtension.Stack stack;

  CephFsVolumesIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.cephfs = new Volumes(stack, Volumes.Backend.CEPHFS);
  }

  @Test
  void aCloneStillCopyingAnswersBeforeTheCallersDeadlineAndPinsItsSourceByName() throws Exception {
    Volume source =
        cephfs.controller.createVolume(cephfs.create(16 * MIB, RWX).build()).getVolume();
    CreateVolumeRequest clone = cloneRequest(source);
    setCloneDelay(30); // the manager's cloner holds the copy pending for 30 s
    try {
      StatusRuntimeException pending =
          assertThrows(
              StatusRuntimeException.class,
              () -> cephfs.controller.withDeadlineAfter(3, TimeUnit.SECONDS).createVolume(clone));
      assertEquals(
          Status.Code.ABORTED, pending.getStatus().getCode(), pending.getStatus().toString());
      StatusRuntimeException pinned =
          assertThrows(StatusRuntimeException.class, () -> cephfs.delete(source));
      assertEquals(Status.Code.FAILED_PRECONDITION, pinned.getStatus().getCode());
      assertTrue(
          pinned.getStatus().getDescription().contains("still being copied into csi-vol-"),
          pinned.getStatus().getDescription());
    } finally {
      setCloneDelay(0);
    }
    Volume cloned = cephfs.createRetryingAborted(clone);
    cephfs.delete(cloned);
    cephfs.delete(source); // the clone complete, nothing pins the source
  }

  @Test
  void aCloneNobodyAsksForAnyMoreIsCancelledAndFreesItsSource() throws Exception {
    Volume source =
        cephfs.controller.createVolume(cephfs.create(16 * MIB, RWX).build()).getVolume();
    String sourceSubvolume = source.getVolumeContextOrThrow("subvolumeName");
    CreateVolumeRequest clone = cloneRequest(source);
    Subvolumes subvolumes =
        new Subvolumes(
            stack.adminConnection(), stack.cluster().fsName(), stack.cluster().subvolumeGroup());
    Set<String> before = Set.copyOf(subvolumes.names());
    // the copy stays pending while the PVC is "deleted"; a cancel waits out the manager's delay,
    // so it is kept short of the 30 s every other volumes command would then wait
    setCloneDelay(10);
    try {
      // 5 s: the snapshot, the clone and its first status must fit before the answer margin;
      // with 2 s, Ceph 20's manager on a busy machine took 2.4 s for them and the answer was late
      assertCode(
          Status.Code.ABORTED,
          () -> cephfs.controller.withDeadlineAfter(5, TimeUnit.SECONDS).createVolume(clone));
      List<String> copying = subvolumes.names().stream().filter(n -> !before.contains(n)).toList();
      assertEquals(1, copying.size(), copying.toString());
      assertEquals(List.of(copying.get(0)), subvolumes.snapshotList(sourceSubvolume));
      // nobody asks again; a controller that undoes creates idle for 2 s comes up
      stack.start(LocalStack.Plugin.CEPHFS_PLUGIN, "--abandoned-create-seconds", "2");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (subvolumes.names().contains(copying.get(0)) && System.nanoTime() < deadline) {
        TimeUnit.MILLISECONDS.sleep(200); // polling for the sweep, which runs every 2 s
      }
      assertFalse(subvolumes.names().contains(copying.get(0)), "the pending clone is gone");
      assertEquals(List.of(), subvolumes.snapshotList(sourceSubvolume), "the source is free");
    } finally {
      stack.stop(LocalStack.Plugin.CEPHFS_PLUGIN);
      setCloneDelay(0);
    }
    // the same request later starts over and gets a whole copy
    Volume cloned = cephfs.createRetryingAborted(clone);
    try {
      assertEquals(16 * MIB, cloned.getCapacityBytes());
      assertTrue(subvolumes.names().contains(cloned.getVolumeContextOrThrow("subvolumeName")));
    } finally {
      cephfs.delete(cloned);
      cephfs.delete(source);
    }
  }

  @Test
  void aBurstBeyondTheManagerQueueIsRefusedAtOnceAndSucceedsWhenAskedAgain() throws Exception {
    int burst = 40;
    List<CreateVolumeRequest> requests = new ArrayList<>();
    for (int i = 0; i < burst; i++) {
      requests.add(cephfs.create(MIB, RWX).build());
    }
    ExecutorService callers = Executors.newFixedThreadPool(burst);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Status>> answers = new ArrayList<>();
    for (CreateVolumeRequest request : requests) {
      answers.add(
          callers.submit(() -> {
            start.await();
            try {
              cephfs.controller.createVolume(request);
              return Status.OK;
            } catch (StatusRuntimeException e) {
              return e.getStatus();
            }
          }));
    }
    start.countDown();
    Map<Status.Code, Integer> codes = new EnumMap<>(Status.Code.class);
    for (Future<Status> answer : answers) {
      Status status = answer.get(2, TimeUnit.MINUTES);
      codes.merge(status.getCode(), 1, Integer::sum);
      if (status.getCode() == Status.Code.ABORTED) {
        assertTrue(status.getDescription().contains("manager is busy"), status.toString());
      }
    }
    callers.shutdown();
    System.out.println("burst of " + burst + " CephFS CreateVolume: " + codes);
    assertTrue(
        codes.getOrDefault(Status.Code.ABORTED, 0) > 0, "refused beyond the queue: " + codes);
    assertEquals(Set.of(Status.Code.OK, Status.Code.ABORTED), codes.keySet(), codes::toString);
    // as the provisioner does: ask again until every request is served, then clean up
    for (CreateVolumeRequest request : requests) {
      cephfs.delete(cephfs.createRetryingAborted(request));
    }
  }

  private void setCloneDelay(int seconds) {
    stack
        .adminConnection()
        .monCommand(
            Map.of(
                "prefix", "config set",
                "who", "mgr",
                "name", "mgr/volumes/snapshot_clone_delay",
                "value", Integer.toString(seconds)));
  }

  @Test
  void twoPublishesShareWritesAndReadOnlyOnesRefuseThem() throws Exception {
    Volume volume =
        cephfs.controller.createVolume(cephfs.create(64 * MIB, RWX).build()).getVolume();
    Volumes.Published first = cephfs.publish(volume, RWX, dir);
    Volumes.Published second = cephfs.publishStaged(volume, RWX, first.staging(), dir, false);
    Volumes.Published readOnly = cephfs.publishStaged(volume, RWX, first.staging(), dir, true);
    try {
      String text = "shared " + UUID.randomUUID();
      Files.writeString(first.target().resolve("note"), text);
      assertEquals(text, Files.readString(second.target().resolve("note")));
      Files.writeString(second.target().resolve("reply"), "seen");
      assertEquals("seen", Files.readString(first.target().resolve("reply")));
      assertEquals(text, Files.readString(readOnly.target().resolve("note")));
      assertThrows(
          FileSystemException.class, () -> Files.writeString(readOnly.target().resolve("x"), "no"));
      assertEquals(64 * MIB, cephfs.totalBytes(volume, first.target()), "the quota is the size");
    } finally {
      cephfs.unpublishOnly(readOnly);
      cephfs.unpublishOnly(second);
      cephfs.unpublish(first);
      cephfs.delete(volume);
    }
  }

  @Test
  void snapshotRestoreAndCloneCopyTheFilesAndSnapshotsPinTheirVolume() throws Exception {
    Volume source =
        cephfs.controller.createVolume(cephfs.create(32 * MIB, RWX).build()).getVolume();
    Snapshot snapshot = snapshotBetweenWrites(source);

    Volume restored = cephfs.restore(snapshot, RWX);
    Volume cloned = cephfs.cloneOf(source, RWX);
    try {
      assertEquals(32 * MIB, restored.getCapacityBytes());
      assertEquals("before", readThroughNode(restored, "data"));
      assertEquals("after", readThroughNode(cloned, "data"));
      assertCode(Status.Code.FAILED_PRECONDITION, () -> cephfs.delete(source));
    } finally {
      cephfs.delete(restored);
      cephfs.delete(cloned);
      cephfs.delete(snapshot);
      cephfs.delete(source);
    }
  }

  @Test
  void aReadOnlyVolumeServedFromItsSnapshotShowsItAtOnceAndPinsIt() throws Exception {
    VolumeCapability rox = Volumes.mount("", Mode.MULTI_NODE_READER_ONLY);
    Volume source =
        cephfs.controller.createVolume(cephfs.create(32 * MIB, RWX).build()).getVolume();
    Snapshot snapshot = snapshotBetweenWrites(source);

    CreateVolumeRequest request =
        cephfs
            .create(0, rox)
            .clearCapacityRange()
            .putParameters("backingSnapshot", "true")
            .setVolumeContentSource(snapshotSource(snapshot))
            .build();
    Volume backed = cephfs.controller.createVolume(request).getVolume();
    Volume clone = null;
    try {
      assertEquals(backed, cephfs.controller.createVolume(request).getVolume(), "a retry");
      assertEquals(32 * MIB, backed.getCapacityBytes());
      assertEquals(
          source.getVolumeContextMap().get("subvolumeName"),
          backed.getVolumeContextMap().get("subvolumeName"),
          "no subvolume of its own: it shows the source's snapshot");
      Volumes.Published reader = cephfs.publish(backed, rox, dir);
      try {
        assertEquals("before", Files.readString(reader.target().resolve("data")));
        try (var listing = Files.list(reader.target())) {
          assertEquals(List.of("data"), listing.map(f -> f.getFileName().toString()).toList());
        }
        assertThrows(
            FileSystemException.class, () -> Files.writeString(reader.target().resolve("x"), "n"));
      } finally {
        cephfs.unpublish(reader);
      }
      StatusRuntimeException pinned =
          assertThrows(StatusRuntimeException.class, () -> cephfs.delete(snapshot));
      assertEquals(Status.Code.FAILED_PRECONDITION, pinned.getStatus().getCode());
      assertTrue(
          pinned.getStatus().getDescription().contains(request.getName()),
          pinned.getStatus().getDescription());
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () ->
              cephfs.controller.controllerExpandVolume(
                  ControllerExpandVolumeRequest.newBuilder()
                      .setVolumeId(backed.getVolumeId())
                      .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(64 * MIB))
                      .putAllSecrets(cephfs.secrets())
                      .build()));
      assertCode(Status.Code.INVALID_ARGUMENT, () -> cephfs.snapshot(backed));
      clone = cephfs.cloneOf(backed, RWX); // a copy of the snapshot it shows
      assertEquals("before", readThroughNode(clone, "data"));
    } finally {
      if (clone != null) {
        cephfs.delete(clone);
      }
      cephfs.delete(backed);
      cephfs.delete(backed); // already gone: OK
    }
    cephfs.delete(snapshot); // no longer pinned
    cephfs.delete(source);
  }

  @Test
  void refusesSnapshotBackedVolumesItCannotServe() {
    Volume source = cephfs.controller.createVolume(cephfs.create(MIB, RWX).build()).getVolume();
    Snapshot snapshot = cephfs.snapshot(source);
    try {
      VolumeCapability rox = Volumes.mount("", Mode.MULTI_NODE_READER_ONLY);
      CreateVolumeRequest.Builder backed =
          cephfs
              .create(MIB, rox)
              .putParameters("backingSnapshot", "true")
              .setVolumeContentSource(snapshotSource(snapshot));
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () ->
              cephfs.controller.createVolume(
                  backed.clone().clearVolumeCapabilities().addVolumeCapabilities(RWX).build()));
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () ->
              cephfs.controller.createVolume(
                  backed.clone().putParameters("backingSnapshot", "yes").build()));
      assertCode(
          Status.Code.INVALID_ARGUMENT,
          () ->
              cephfs.controller.createVolume(
                  backed
                      .clone()
                      .setVolumeContentSource(
                          VolumeContentSource.newBuilder()
                              .setVolume(
                                  VolumeContentSource.VolumeSource.newBuilder()
                                      .setVolumeId(source.getVolumeId())))
                      .build()));
    } finally {
      cephfs.delete(snapshot);
      cephfs.delete(source);
    }
  }

  /** CreateVolume of a copy of {@code source}, sized as the source is. */
  private CreateVolumeRequest cloneRequest(Volume source) {
    return cephfs
        .create(0, RWX)
        .clearCapacityRange()
        .setVolumeContentSource(
            VolumeContentSource.newBuilder()
                .setVolume(
                    VolumeContentSource.VolumeSource.newBuilder()
                        .setVolumeId(source.getVolumeId())))
        .build();
  }

  /** A snapshot of the volume's file "data" holding "before"; the volume then holds "after". */
  private Snapshot snapshotBetweenWrites(Volume source) throws IOException {
    Volumes.Published writer = cephfs.publish(source, RWX, dir);
    Files.writeString(writer.target().resolve("data"), "before");
    Snapshot snapshot = cephfs.snapshot(source);
    Files.writeString(writer.target().resolve("data"), "after");
    cephfs.unpublish(writer);
    return snapshot;
  }

  private static VolumeContentSource snapshotSource(Snapshot snapshot) {
    return VolumeContentSource.newBuilder()
        .setSnapshot(
            VolumeContentSource.SnapshotSource.newBuilder().setSnapshotId(snapshot.getSnapshotId()))
        .build();
  }

  @Test
  void expandRaisesTheQuotaWithoutANodeStep() throws Exception {
    Volume volume =
        cephfs.controller.createVolume(cephfs.create(16 * MIB, RWX).build()).getVolume();
    Volumes.Published published = cephfs.publish(volume, RWX, dir);
    try {
      ControllerExpandVolumeResponse expanded =
          cephfs.controller.controllerExpandVolume(
              ControllerExpandVolumeRequest.newBuilder()
                  .setVolumeId(volume.getVolumeId())
                  .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(48 * MIB))
                  .setVolumeCapability(RWX)
                  .putAllSecrets(cephfs.secrets())
                  .build());
      assertEquals(48 * MIB, expanded.getCapacityBytes());
      assertFalse(expanded.getNodeExpansionRequired());
      assertEquals(48 * MIB, cephfs.totalBytes(volume, published.target()));
    } finally {
      cephfs.unpublish(published);
      cephfs.delete(volume);
    }
  }

  @Test
  void rejectsWhatCephFsCannotServe() {
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            cephfs.controller.createVolume(
                cephfs.create(MIB, RWX).clearParameters().putParameters("clusterID", "x").build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            cephfs.controller.createVolume(
                cephfs.create(MIB, RWX).putParameters("fsName", "no-such-fs").build()));
    assertCode(
        Status.Code.INVALID_ARGUMENT,
        () -> cephfs.controller.createVolume(cephfs.create(MIB, Volumes.block()).build()));
  }

  private String readThroughNode(Volume volume, String file) throws IOException {
    Volumes.Published published = cephfs.publish(volume, RWX, dir);
    try {
      return Files.readString(published.target().resolve(file));
    } finally {
      cephfs.unpublish(published);
    }
  }

  private static void assertCode(Status.Code expected, Runnable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call::run);
    assertEquals(expected, e.getStatus().getCode(), e.getStatus().getDescription());
  }
}
