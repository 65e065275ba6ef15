package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateVolumeRequest;
import csi.v1.IdentityGrpc;
import csi.v1.ProbeRequest;
import csi.v1.Snapshot;
import csi.v1.Volume;
import csi.v1.VolumeCapability.AccessMode.Mode;
import csi.v1.VolumeContentSource;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.RbdImages;
import io.strata.cli.LocalStack.Plugin;
import io.strata.csi.id.CsiId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Faults at awkward moments: many calls for one name at once, and kill -9 of the controller at a
 * random point of a 16-way storm of creates, snapshots, clones and restores, after which every
 * volume and snapshot the retries answer with is opened and measured. CI runs a short storm (3
 * rounds); the long mode is {@code -Dstrata.faults.rounds=10} or more.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class FaultIT {
  private static final int ROUNDS = Integer.getInteger("strata.faults.rounds", 3);
  private static final Set<Status.Code> RETRIED =
      Set.of(Status.Code.ABORTED, Status.Code.UNAVAILABLE, Status.Code.DEADLINE_EXCEEDED);

  private final LocalStackExtension.Stack stack;
  private final Volumes rbd;
  private final RbdImages images;

  FaultIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.rbd = new Volumes(stack, Volumes.Backend.RBD);
    this.images = new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "");
  }

  @Test
  void fiftyConcurrentCreatesOfOneNameMakeOneVolume() throws Exception {
    CreateVolumeRequest request = rbd.create(4 * MIB, Volumes.block()).build();
    ExecutorService callers = Executors.newFixedThreadPool(50);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<String>> answers = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      answers.add(
          callers.submit(() -> {
            start.await();
            try {
              return rbd.controller.createVolume(request).getVolume().getVolumeId();
            } catch (StatusRuntimeException e) {
              return e.getStatus().getCode().name();
            }
          }));
    }
    start.countDown();
    Set<String> volumeIds = new HashSet<>();
    int aborted = 0;
    for (Future<String> answer : answers) {
      String result = answer.get(2, TimeUnit.MINUTES);
      if (result.equals("ABORTED")) {
        aborted++;
      } else {
        volumeIds.add(result);
      }
    }
    callers.shutdown();
    assertEquals(1, volumeIds.size(), "every success names the same volume: " + volumeIds);
    assertTrue(aborted < 50, "at least one call won");
    Volume volume = rbd.controller.createVolume(request).getVolume();
    assertEquals(volumeIds.iterator().next(), volume.getVolumeId());
    long ours =
        images.list().stream()
            .filter(image -> image.equals(volume.getVolumeContextOrThrow("imageName")))
            .count();
    assertEquals(1, ours);
    rbd.delete(volume);
  }

  @Test
  void killingTheControllerMidStormLeaksNothingAndDuplicatesNothing() throws Exception {
    Volume base =
        rbd.controller.createVolume(rbd.create(4 * MIB, Volumes.block()).build()).getVolume();
    Random random = new Random();
    Map<String, Volume> volumes = new ConcurrentHashMap<>();
    Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();
    int kills = 0;
    try {
      for (int round = 0; round < ROUNDS; round++) {
        List<Supplier<Object>> storm = storm(round, base, volumes, snapshots);
        ExecutorService callers = Executors.newFixedThreadPool(storm.size());
        List<Future<?>> calls = new ArrayList<>();
        storm.forEach(call -> calls.add(callers.submit(() -> retryingOnce(call))));
        TimeUnit.MILLISECONDS.sleep(50 + random.nextInt(400)); // a random point in the storm
        stack.kill(Plugin.RBD_CONTROLLER);
        kills++;
        stack.restartStopped();
        for (Future<?> call : calls) {
          call.get(3, TimeUnit.MINUTES);
        }
        callers.shutdown();
        // the sidecars retry every request until it succeeds: so does this test, after the crash
        storm.forEach(FaultIT::untilAnswered);
      }
      int expectedVolumes = volumes.size();
      Set<String> images = new HashSet<>(this.images.list());
      long csiImages = images.stream().filter(i -> i.startsWith("csi-vol-")).count();
      assertEquals(expectedVolumes + 1, csiImages, "one image per request name, no duplicates");
      // every object a retry answered with must open and have its size, not merely exist
      for (Volume volume : volumes.values()) {
        String image = volume.getVolumeContextOrThrow("imageName");
        assertEquals(4 * MIB, this.images.size(image), "volume " + image + " opens");
        assertEquals(4 * MIB, volume.getCapacityBytes());
      }
      for (Snapshot snapshot : snapshots.values()) {
        String image = "csi-snap-" + CsiId.decode(snapshot.getSnapshotId()).orElseThrow().uuid();
        assertTrue(this.images.hasSnapshot(image, image), "snapshot " + image + " opens");
      }
      System.out.printf(
          "fault storm: %d rounds, %d controller kills, %d volumes, %d snapshots%n",
          ROUNDS, kills, volumes.size(), snapshots.size());
    } finally {
      volumes.values().forEach(rbd::delete);
      snapshots.values().forEach(rbd::delete);
      rbd.delete(base);
    }
  }

  /**
   * A Ceph daemon goes away under a CreateVolume: the call ends within the plugin's Ceph timeout
   * with a code the provisioner retries (or succeeds, when the work needs no answer from that
   * daemon), the plugin keeps answering, and the same request succeeds once the daemon is back.
   */
  @ParameterizedTest(name = "{0} down, {1}")
  @CsvSource({"osd.0, RBD", "osd.0, CEPHFS", "mon.a, RBD", "mon.a, CEPHFS"})
  void callsDuringAnOutageFailRetriablyWithinTheirTimeoutAndSucceedAfter(
      String daemon, Volumes.Backend backend) throws Exception {
    Volumes volumes = new Volumes(stack, backend);
    CreateVolumeRequest request =
        volumes.create(4 * MIB, Volumes.mount("", Mode.SINGLE_NODE_WRITER)).build();
    stack.stopDaemon(daemon);
    String during;
    try {
      long started = System.nanoTime();
      during =
          answer(() ->
              volumes.controller.withDeadlineAfter(2, TimeUnit.MINUTES).createVolume(request));
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started);
      assertTrue(
          during.equals("OK") || RETRIED.contains(Status.Code.valueOf(during)),
          "during the outage: " + during);
      assertTrue(seconds < 60, "answered within the plugin's Ceph timeout, took " + seconds + " s");
      assertTrue(
          IdentityGrpc.newBlockingStub(stack.channel(backend.controller))
              .withDeadlineAfter(30, TimeUnit.SECONDS)
              .probe(ProbeRequest.getDefaultInstance())
              .hasReady(),
          "the plugin still answers during the outage");
    } finally {
      stack.restartStopped();
    }
    Volume volume = volumes.controller.createVolume(request).getVolume();
    volumes.delete(volume);
    System.out.printf("outage of %s under %s CreateVolume: %s%n", daemon, backend, during);
  }

  private static String answer(Supplier<Object> call) {
    try {
      call.get();
      return "OK";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode().name();
    }
  }

  /**
   * One round, 16 calls at once as a busy provisioner makes them: creates, a snapshot of the base
   * volume, a clone of it and a restore of the last round's snapshot, each with a fixed name.
   */
  private List<Supplier<Object>> storm(
      int round, Volume base, Map<String, Volume> volumes, Map<String, Snapshot> snapshots) {
    List<Supplier<Object>> calls = new ArrayList<>();
    for (int i = 0; i < 13; i++) {
      CreateVolumeRequest create =
          rbd.create(4 * MIB, Volumes.block()).setName("storm-" + round + "-vol-" + i).build();
      calls.add(
          () -> volumes.put(create.getName(), rbd.controller.createVolume(create).getVolume()));
    }
    CreateSnapshotRequest snapshot = rbd.snapshotRequest("storm-" + round + "-snap", base);
    calls.add(() ->
        snapshots.put(snapshot.getName(), rbd.controller.createSnapshot(snapshot).getSnapshot()));
    VolumeContentSource baseVolume =
        VolumeContentSource.newBuilder()
            .setVolume(
                VolumeContentSource.VolumeSource.newBuilder().setVolumeId(base.getVolumeId()))
            .build();
    calls.add(createFrom("storm-" + round + "-clone", baseVolume, volumes));
    Snapshot last = snapshots.get("storm-" + (round - 1) + "-snap");
    if (last != null) {
      VolumeContentSource lastSnapshot =
          VolumeContentSource.newBuilder()
              .setSnapshot(
                  VolumeContentSource.SnapshotSource.newBuilder()
                      .setSnapshotId(last.getSnapshotId()))
              .build();
      calls.add(createFrom("storm-" + round + "-restore", lastSnapshot, volumes));
    }
    return calls;
  }

  private Supplier<Object> createFrom(
      String name, VolumeContentSource source, Map<String, Volume> volumes) {
    CreateVolumeRequest request =
        rbd.create(4 * MIB, Volumes.block()).setName(name).setVolumeContentSource(source).build();
    return () -> volumes.put(name, rbd.controller.createVolume(request).getVolume());
  }

  /** A call that may die with the controller: whatever it answers, the retry settles it. */
  private static void retryingOnce(Supplier<Object> call) {
    try {
      call.get();
    } catch (StatusRuntimeException e) {
      assertTrue(
          RETRIED.contains(e.getStatus().getCode())
              || e.getStatus().getCode() == Status.Code.CANCELLED,
          "a crash looks like a retriable failure, not " + e.getStatus());
    }
  }

  private static void untilAnswered(Supplier<Object> call) {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (true) {
      try {
        call.get();
        return;
      } catch (StatusRuntimeException e) {
        if (!RETRIED.contains(e.getStatus().getCode()) || System.nanoTime() > deadline) {
          throw e;
        }
      }
      try {
        TimeUnit.MILLISECONDS.sleep(200); // the restarted controller comes up; ask again
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
