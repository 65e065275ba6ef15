package io.strata.node.it;

import static io.strata.node.it.ItRequests.expectCode;
import static io.strata.node.it.ItRequests.stats;
import static io.strata.node.it.ItRequests.unpublish;
import static io.strata.node.it.ItRequests.unstage;
import static io.strata.node.it.NodePluginHarness.block;
import static io.strata.node.it.NodePluginHarness.mount;
import static io.strata.node.it.NodePluginHarness.stageRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeGetVolumeStatsResponse;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import csi.v1.VolumeUsage;
import io.grpc.Status;
import io.strata.node.exec.Command;
import io.strata.node.exec.ProcessRunner;
import io.strata.node.mount.MountTable;
import io.strata.node.state.StageRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Node service over its unix socket on a real cluster, attaching with rbd-fuse + loop:
 * filesystem and block volumes, idempotency, error codes, expansion, a plugin restart and a dead
 * rbd-fuse daemon. Every test ends with nothing left: no mounts, loop devices or daemons.
 */
@Tag("integration")
class NodeServiceIT {
  private static final Mode RWO = Mode.SINGLE_NODE_WRITER;
  @TempDir Path dir;
  private ItCluster cluster;
  private NodePluginHarness plugin;
  private final ProcessRunner runner = new ProcessRunner();
  private final List<String> images = new ArrayList<>();
  private final ItRequests requests = new ItRequests();

  @BeforeEach
  void setUp() throws Exception {
    cluster = ItCluster.fromSystemProperties(dir.resolve("admin-keys"));
    plugin = new NodePluginHarness(cluster, dir);
  }

  @AfterEach
  void tearDown() throws Exception {
    if (plugin == null) {
      return;
    }
    requests.cleanUp(plugin.node);
    plugin.close();
    images.forEach(cluster::removeImage);
    Leftovers.assertNone(dir);
  }

  @Test
  void filesystemVolumeStagesPublishesAndUnstagesIdempotently() throws Exception {
    String image = image(64);
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("pods/a/mount");
    Path readOnly = dir.resolve("pods/b/mount");
    track("vol-" + image, staging, target, readOnly);
    var stage =
        stageRequest(cluster, "vol-" + image, image, staging, mount("ext4", RWO))
            .putVolumeContext("mkfsOptions", "-m0 -Enodiscard -L strata-it")
            .build();

    long started = System.nanoTime();
    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    System.out.printf(
        "stage+publish (fuse, mkfs.ext4 64 MiB) %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    String device = new MountTable().sourceOf(staging).orElseThrow();
    assertTrue(
        runner
            .check(Command.of("blkid", "-p", "-o", "export", device))
            .stdout()
            .contains("LABEL=strata-it"),
        "mkfsOptions not honoured");

    Files.writeString(target.resolve("hello.txt"), "hello from strata");
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, readOnly, true, RWO));
    assertEquals("hello from strata", Files.readString(readOnly.resolve("hello.txt")));
    assertThrows(
        java.io.IOException.class, () -> Files.writeString(readOnly.resolve("no.txt"), "x"));

    NodeGetVolumeStatsResponse stats =
        plugin.node.nodeGetVolumeStats(stats("vol-" + image, target));
    assertFalse(stats.getVolumeCondition().getAbnormal(), stats.toString());
    VolumeUsage bytes = stats.getUsage(0);
    assertEquals(VolumeUsage.Unit.BYTES, bytes.getUnit());
    assertTrue(bytes.getTotal() > 50L << 20 && bytes.getUsed() > 0, stats.toString());
    assertEquals(VolumeUsage.Unit.INODES, stats.getUsage(1).getUnit());

    expectCode(
        Status.Code.FAILED_PRECONDITION,
        () -> plugin.node.nodeUnstageVolume(unstage("vol-" + image, staging)));
    for (int i = 0; i < 2; i++) {
      plugin.node.nodeUnpublishVolume(unpublish("vol-" + image, target));
      plugin.node.nodeUnpublishVolume(unpublish("vol-" + image, readOnly));
    }
    assertFalse(Files.exists(target), "unpublish leaves the target");
    plugin.node.nodeUnstageVolume(unstage("vol-" + image, staging));
    plugin.node.nodeUnstageVolume(unstage("vol-" + image, staging));
    Leftovers.assertNone(dir);

    // staged again: the filesystem and its data are kept, never formatted twice
    plugin.node.nodeStageVolume(stage);
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    assertEquals("hello from strata", Files.readString(target.resolve("hello.txt")));
  }

  @Test
  void blockVolumeBindsTheDeviceToAFile() throws Exception {
    String image = image(32);
    Path staging = dir.resolve("block-staging");
    Path first = dir.resolve("pods/a/dev");
    Path second = dir.resolve("pods/b/dev");
    track("vol-" + image, staging, first, second);
    plugin.node.nodeStageVolume(
        stageRequest(cluster, "vol-" + image, image, staging, block(RWO)).build());
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, first, false, null));
    assertTrue(Files.isRegularFile(first) || Files.exists(first));
    Path data = dir.resolve("data");
    runner.check(Command.of("dd", "if=/dev/urandom", "of=" + data, "bs=1M", "count=1"));
    runner.check(
        Command.of(
            "dd",
            "if=" + data,
            "of=" + first,
            "bs=1M",
            "seek=3",
            "oflag=direct",
            "conv=fsync,notrunc"));
    plugin.node.nodeUnpublishVolume(unpublish("vol-" + image, first));
    assertFalse(Files.exists(first));

    plugin.node.nodePublishVolume(publish("vol-" + image, staging, second, true, null));
    Path back = dir.resolve("back");
    runner.check(
        Command.of(
            "dd", "if=" + second, "of=" + back, "bs=1M", "skip=3", "count=1", "iflag=direct"));
    assertEquals(-1L, Files.mismatch(data, back), "bytes read back differ");
    NodeGetVolumeStatsResponse stats =
        plugin.node.nodeGetVolumeStats(stats("vol-" + image, second));
    assertEquals(32L << 20, stats.getUsage(0).getTotal());
    plugin.node.nodeUnpublishVolume(unpublish("vol-" + image, second));
    plugin.node.nodeUnstageVolume(unstage("vol-" + image, staging));
  }

  @Test
  void errorsCarryTheCodesTheSpecAsksFor() throws Exception {
    String image = image(16);
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("target");
    track("vol-" + image, staging, target);
    expectCode(
        Status.Code.FAILED_PRECONDITION,
        () -> plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO)));
    expectCode(
        Status.Code.NOT_FOUND, () -> plugin.node.nodeGetVolumeStats(stats("vol-unknown", target)));
    expectCode(
        Status.Code.NOT_FOUND,
        () ->
            plugin.node.nodeExpandVolume(
                NodeExpandVolumeRequest.newBuilder()
                    .setVolumeId("vol-unknown")
                    .setVolumePath(target.toString())
                    .build()));
    expectCode(
        Status.Code.INVALID_ARGUMENT,
        () ->
            plugin.node.nodeStageVolume(
                stageRequest(cluster, "vol-" + image, image, staging, mount("ext4", RWO))
                    .removeSecrets("userKey")
                    .build()));
    expectCode(
        Status.Code.NOT_FOUND,
        () ->
            plugin.node.nodeStageVolume(
                stageRequest(cluster, "vol-missing", "no-such-image", staging, mount("ext4", RWO))
                    .build()));
    Leftovers.assertNone(dir);

    plugin.node.nodeStageVolume(
        stageRequest(cluster, "vol-" + image, image, staging, mount("ext4", RWO)).build());
    expectCode(
        Status.Code.NOT_FOUND,
        () -> plugin.node.nodeGetVolumeStats(stats("vol-" + image, dir.resolve("nowhere"))));
    expectCode(
        Status.Code.FAILED_PRECONDITION,
        () ->
            plugin.node.nodeStageVolume(
                stageRequest(cluster, "vol-" + image, image, staging, mount("xfs", RWO))
                    .build()
                    .toBuilder()
                    .setStagingTargetPath(dir.resolve("other").toString())
                    .build()));
  }

  @Test
  void expandGrowsTheFilesystem() throws Exception {
    String image = image(320);
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("target");
    track("vol-" + image, staging, target);
    plugin.node.nodeStageVolume(
        stageRequest(cluster, "vol-" + image, image, staging, mount("xfs", RWO)).build());
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    long before =
        plugin.node.nodeGetVolumeStats(stats("vol-" + image, target)).getUsage(0).getTotal();
    cluster.resizeImage(image, 640);
    long started = System.nanoTime();
    long capacity =
        plugin
            .node
            .nodeExpandVolume(
                NodeExpandVolumeRequest.newBuilder()
                    .setVolumeId("vol-" + image)
                    .setVolumePath(target.toString())
                    .build())
            .getCapacityBytes();
    System.out.printf(
        "NodeExpand (loop refresh + xfs_growfs) %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    long after =
        plugin.node.nodeGetVolumeStats(stats("vol-" + image, target)).getUsage(0).getTotal();
    assertEquals(640L << 20, capacity);
    assertTrue(after > before + (250L << 20), before + " -> " + after);
  }

  @Test
  void aRestartedPluginFindsItsVolumesAndTheyKeepServing() throws Exception {
    String image = image(64);
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("target");
    track("vol-" + image, staging, target);
    plugin.node.nodeStageVolume(
        stageRequest(cluster, "vol-" + image, image, staging, mount("ext4", RWO)).build());
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    Files.writeString(target.resolve("before.txt"), "written before the restart");
    plugin.close();

    plugin = new NodePluginHarness(cluster, dir); // new objects, same state directory
    assertEquals("written before the restart", Files.readString(target.resolve("before.txt")));
    Files.writeString(target.resolve("after.txt"), "and after");
    runner.check(Command.of("sync", "-f", target.resolve("after.txt").toString()));
    ItRequests.assertHealthy(plugin.node, "vol-" + image, target);
    plugin.node.nodeStageVolume(
        stageRequest(cluster, "vol-" + image, image, staging, mount("ext4", RWO)).build());
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    plugin.node.nodeUnpublishVolume(unpublish("vol-" + image, target));
    plugin.node.nodeUnstageVolume(unstage("vol-" + image, staging));
  }

  @Test
  void aDeadFuseDaemonIsReportedAndStillCleansUp() throws Exception {
    String image = image(32);
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("target");
    track("vol-" + image, staging, target);
    plugin.node.nodeStageVolume(
        stageRequest(cluster, "vol-" + image, image, staging, mount("ext4", RWO)).build());
    plugin.node.nodePublishVolume(publish("vol-" + image, staging, target, false, RWO));
    long pid =
        StageRecords.rbd(dir.resolve("state/volumes"))
            .find("vol-" + image)
            .orElseThrow()
            .daemonPid();
    ItRequests.sigkill(pid);

    NodeGetVolumeStatsResponse stats =
        plugin.node.nodeGetVolumeStats(stats("vol-" + image, target));
    assertTrue(stats.getVolumeCondition().getAbnormal(), stats.toString());
    System.out.println(
        "condition after kill -9 of rbd-fuse: " + stats.getVolumeCondition().getMessage());
    plugin.node.nodeUnpublishVolume(unpublish("vol-" + image, target));
    plugin.node.nodeUnstageVolume(unstage("vol-" + image, staging));
    Leftovers.assertNone(dir);
  }

  private String image(long mib) {
    String name = ItCluster.uniqueName("node-it");
    cluster.createImage(name, mib);
    images.add(name);
    return name;
  }

  private void track(String volumeId, Path staging, Path... targets) {
    requests.track(volumeId, staging, targets);
  }

  private static NodePublishVolumeRequest publish(
      String volumeId, Path staging, Path target, boolean readOnly, Mode mountMode) {
    VolumeCapability cap = mountMode == null ? block(RWO) : mount("", mountMode);
    return ItRequests.publish(volumeId, staging, target, readOnly, cap);
  }
}
