package io.strata.node.it;

import static io.strata.node.it.ItRequests.assertHealthy;
import static io.strata.node.it.ItRequests.expectCode;
import static io.strata.node.it.ItRequests.publish;
import static io.strata.node.it.ItRequests.sigkill;
import static io.strata.node.it.ItRequests.stats;
import static io.strata.node.it.ItRequests.unpublish;
import static io.strata.node.it.ItRequests.unstage;
import static io.strata.node.it.NodePluginHarness.cephFsStageRequest;
import static io.strata.node.it.NodePluginHarness.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeGetVolumeStatsResponse;
import csi.v1.VolumeCapability.AccessMode.Mode;
import csi.v1.VolumeUsage;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.node.exec.Command;
import io.strata.node.exec.ProcessRunner;
import io.strata.node.mount.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CephFS Node service over its unix socket on a real cluster, mounting with ceph-fuse: a shared
 * subvolume published at several targets, read-only publishing, quota-based stats, error codes, and
 * a ceph-fuse daemon killed under a published volume. Every test ends with nothing left: no mounts,
 * daemons, kept keys or logs.
 */
@Tag("integration")
class CephFsNodeIT {
  private static final Mode RWX = Mode.MULTI_NODE_MULTI_WRITER;
  private static final long MIB = 1 << 20;
  private static final String WRONG_KEY = "AQBx5ilnAAAAABAAkqNWBx+Xn0iWx5ZIVkCeHw==";
  @TempDir Path dir;
  private ItCluster cluster;
  private NodePluginHarness plugin;
  private ItSubvolumes subvolumes;
  private final ItRequests requests = new ItRequests();
  private final ProcessRunner runner = new ProcessRunner();

  @BeforeEach
  void setUp() throws Exception {
    cluster = ItCluster.fromSystemProperties(dir.resolve("admin-keys"));
    subvolumes = new ItSubvolumes(cluster);
    plugin = new NodePluginHarness(cluster, dir, NodePluginHarness.Type.CEPHFS);
  }

  @AfterEach
  void tearDown() {
    if (plugin != null) {
      requests.cleanUp(plugin.node);
      plugin.close();
    }
    subvolumes.close();
    if (plugin != null) {
      Leftovers.assertNone(dir, plugin.config);
    }
  }

  @Test
  void aSharedVolumeServesSeveralTargetsReadOnlyWhereAskedWithItsQuotaAsSize() throws Exception {
    ItSubvolumes.Volume v = subvolumes.create("cephfs-it", 64 * MIB);
    Path staging = dir.resolve("staging");
    Path a = dir.resolve("pods/a/mount");
    Path b = dir.resolve("pods/b/mount");
    Path readOnly = dir.resolve("pods/c/mount");
    requests.track(v.id(), staging, a, b, readOnly);
    var stage = cephFsStageRequest(cluster, v.id(), v.path(), staging, RWX).build();

    long started = System.nanoTime();
    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish(v.id(), staging, a, false, mount("", RWX)));
    System.out.printf(
        "stage+publish (ceph-fuse) %d ms%n", (System.nanoTime() - started) / 1_000_000);
    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish(v.id(), staging, a, false, mount("", RWX)));
    plugin.node.nodePublishVolume(publish(v.id(), staging, b, false, mount("", RWX)));
    plugin.node.nodePublishVolume(publish(v.id(), staging, readOnly, true, mount("", RWX)));
    assertEquals("fuse.ceph-fuse", new MountTable().fsTypeOf(staging).orElseThrow());

    Files.writeString(a.resolve("from-a.txt"), "written at a");
    assertEquals("written at a", Files.readString(b.resolve("from-a.txt")));
    Files.writeString(b.resolve("from-b.txt"), "written at b");
    assertEquals("written at b", Files.readString(a.resolve("from-b.txt")));
    assertEquals("written at a", Files.readString(readOnly.resolve("from-a.txt")));
    assertThrows(IOException.class, () -> Files.writeString(readOnly.resolve("no.txt"), "x"));

    NodeGetVolumeStatsResponse stats = plugin.node.nodeGetVolumeStats(stats(v.id(), a));
    assertFalse(stats.getVolumeCondition().getAbnormal(), stats.toString());
    VolumeUsage bytes = stats.getUsage(0);
    assertEquals(VolumeUsage.Unit.BYTES, bytes.getUnit());
    assertEquals(64 * MIB, bytes.getTotal(), "the quota is the size");
    VolumeUsage inodes = stats.getUsage(1);
    assertEquals(VolumeUsage.Unit.INODES, inodes.getUnit());
    assertTrue(inodes.getUsed() >= 1 && inodes.getTotal() == 0, inodes.toString());

    subvolumes.subvolumes.resize(
        v.name(), 128 * MIB); // ControllerExpandVolume's part, all there is
    awaitTotalBytes(v.id(), a, 128 * MIB, Duration.ofSeconds(30));

    expectCode(
        Status.Code.FAILED_PRECONDITION,
        () -> plugin.node.nodeUnstageVolume(unstage(v.id(), staging)));
    for (int i = 0; i < 2; i++) {
      for (Path target : new Path[] {a, b, readOnly}) {
        plugin.node.nodeUnpublishVolume(unpublish(v.id(), target));
      }
    }
    assertFalse(Files.exists(a), "unpublish leaves the target");
    plugin.node.nodeUnstageVolume(unstage(v.id(), staging));
    plugin.node.nodeUnstageVolume(unstage(v.id(), staging));
    Leftovers.assertNone(dir, plugin.config);

    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish(v.id(), staging, a, false, mount("", RWX)));
    assertEquals("written at b", Files.readString(a.resolve("from-b.txt")));
  }

  @Test
  void errorsCarryTheCodesTheSpecAsksForAndLeaveNothing() throws Exception {
    ItSubvolumes.Volume v = subvolumes.create("cephfs-it", 16 * MIB);
    Path staging = dir.resolve("staging");
    requests.track(v.id(), staging);
    expectCode(
        Status.Code.NOT_FOUND,
        () ->
            plugin.node.nodeStageVolume(
                cephFsStageRequest(
                        cluster, v.id(), "/volumes/csi/no-such-volume/0000", staging, RWX)
                    .build()));
    StatusRuntimeException denied =
        assertThrows(
            StatusRuntimeException.class,
            () ->
                plugin.node.nodeStageVolume(
                    cephFsStageRequest(cluster, v.id(), v.path(), staging, RWX)
                        .putSecrets("userKey", WRONG_KEY)
                        .build()));
    System.out.println("stage with a wrong key: " + denied.getStatus());
    assertEquals(Status.Code.PERMISSION_DENIED, denied.getStatus().getCode());
    assertFalse(denied.getStatus().toString().contains(WRONG_KEY), "the key leaked");
    expectCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            plugin.node.nodeStageVolume(
                cephFsStageRequest(cluster, v.id(), v.path(), staging, RWX)
                    .setVolumeCapability(NodePluginHarness.block(RWX))
                    .build()));
    expectCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            plugin.node.nodeStageVolume(
                cephFsStageRequest(cluster, v.id(), v.path(), staging, RWX)
                    .removeVolumeContext("fsName")
                    .build()));
    Leftovers.assertNone(dir, plugin.config);

    plugin.node.nodeStageVolume(
        cephFsStageRequest(cluster, v.id(), v.path(), staging, RWX).build());
    expectCode(
        Status.Code.FAILED_PRECONDITION,
        () ->
            plugin.node.nodeStageVolume(
                cephFsStageRequest(cluster, v.id(), v.path(), dir.resolve("other"), RWX).build()));
    expectCode(
        Status.Code.NOT_FOUND,
        () -> plugin.node.nodeGetVolumeStats(stats(v.id(), dir.resolve("nowhere"))));
    expectCode(
        Status.Code.UNIMPLEMENTED,
        () ->
            plugin.node.nodeExpandVolume(
                NodeExpandVolumeRequest.newBuilder()
                    .setVolumeId(v.id())
                    .setVolumePath(staging.toString())
                    .build()));
  }

  @Test
  void aKilledCephFuseIsReportedAndTheNextStageMountsItAgainUnderItsTargets() throws Exception {
    ItSubvolumes.Volume v = subvolumes.create("cephfs-it", 32 * MIB);
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("pods/a/mount");
    Path readOnly = dir.resolve("pods/b/mount");
    requests.track(v.id(), staging, target, readOnly);
    var stage = cephFsStageRequest(cluster, v.id(), v.path(), staging, RWX).build();
    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish(v.id(), staging, target, false, mount("", RWX)));
    plugin.node.nodePublishVolume(publish(v.id(), staging, readOnly, true, mount("", RWX)));
    Files.writeString(target.resolve("before.txt"), "written before the kill");
    runner.check(Command.of("sync", "-f", target.resolve("before.txt").toString()));

    sigkill(ItSubvolumes.cephFuseDaemon(plugin.config, v.id()));
    NodeGetVolumeStatsResponse broken = plugin.node.nodeGetVolumeStats(stats(v.id(), target));
    assertTrue(broken.getVolumeCondition().getAbnormal(), broken.toString());
    System.out.println(
        "condition after kill -9 of ceph-fuse: " + broken.getVolumeCondition().getMessage());
    assertThrows(IOException.class, () -> Files.readString(target.resolve("before.txt")));

    long started = System.nanoTime();
    plugin.node.nodeStageVolume(stage);
    System.out.printf(
        "stage mounting a dead ceph-fuse again %d ms%n", (System.nanoTime() - started) / 1_000_000);
    assertEquals("written before the kill", readWaitingForTheMds(target.resolve("before.txt")));
    assertEquals("written before the kill", readWaitingForTheMds(readOnly.resolve("before.txt")));
    assertTrue(new MountTable().at(readOnly).orElseThrow().isReadOnly(), "still read-only");
    Files.writeString(target.resolve("after.txt"), "and after");
    assertHealthy(plugin.node, v.id(), target);
    plugin.node.nodeUnpublishVolume(unpublish(v.id(), target));
    plugin.node.nodeUnpublishVolume(unpublish(v.id(), readOnly));
    plugin.node.nodeUnstageVolume(unstage(v.id(), staging));
    Leftovers.assertNone(dir, plugin.config);
  }

  /**
   * Reads through a new ceph-fuse client: the MDS first waits for the killed client's session to
   * time out (session_timeout, 60 s by default) before it hands over the file's capabilities.
   */
  private String readWaitingForTheMds(Path file) {
    return runner
        .check(Command.of("cat", file.toString()).timeout(Duration.ofSeconds(150)))
        .stdout();
  }

  private static void pause() {
    try {
      Thread.sleep(200); // between polls of a condition with a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private void awaitTotalBytes(String volumeId, Path path, long bytes, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    long total = plugin.node.nodeGetVolumeStats(stats(volumeId, path)).getUsage(0).getTotal();
    while (total != bytes) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("size still " + total + " after " + limit + ", not " + bytes);
      }
      pause();
      total = plugin.node.nodeGetVolumeStats(stats(volumeId, path)).getUsage(0).getTotal();
    }
  }
}
