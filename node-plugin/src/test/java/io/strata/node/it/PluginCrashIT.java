package io.strata.node.it;

import static io.strata.node.it.NodePluginHarness.mount;
import static io.strata.node.it.NodePluginHarness.stageRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;

import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.node.exec.Command;
import io.strata.node.exec.ProcessRunner;
import io.strata.node.it.NodePluginHarness.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the node plugin's JVM with a volume staged and published: the rbd-fuse daemon lives
 * on, the workload keeps reading and writing, and a new plugin process on the same state directory
 * unpublishes and unstages it cleanly.
 */
@Tag("integration")
class PluginCrashIT {
  @TempDir Path dir;
  private ItCluster cluster;
  private ChildPlugin child;
  private String image;

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.close();
    }
    if (image != null) {
      cluster.removeImage(image);
    }
  }

  @Test
  void dataSurvivesAKillOfThePlugin() throws Exception {
    cluster = ItCluster.fromSystemProperties(dir.resolve("admin-keys"));
    image = ItCluster.uniqueName("crash-it");
    cluster.createImage(image, 64);
    String volumeId = "vol-" + image;
    Path staging = dir.resolve("staging");
    Path target = dir.resolve("target");
    child = ChildPlugin.start(dir.resolve("child.sock"), dir.resolve("state"), cluster, Type.RBD);
    child.node.nodeStageVolume(
        stageRequest(cluster, volumeId, image, staging, mount("ext4", Mode.SINGLE_NODE_WRITER))
            .build());
    child.node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(volumeId)
            .setStagingTargetPath(staging.toString())
            .setTargetPath(target.toString())
            .setVolumeCapability(mount("ext4", Mode.SINGLE_NODE_WRITER))
            .build());
    Files.writeString(target.resolve("before.txt"), "before the kill");

    assertEquals(137, child.kill(), "the plugin should die of SIGKILL");
    child = null;

    assertEquals("before the kill", Files.readString(target.resolve("before.txt")));
    Files.writeString(target.resolve("after.txt"), "x".repeat(1 << 20));
    new ProcessRunner().check(Command.of("sync", "-f", target.resolve("after.txt").toString()));

    try (NodePluginHarness restarted = new NodePluginHarness(cluster, dir)) {
      assertEquals(1, restarted.findings.size());
      assertEquals(Optional.empty(), restarted.findings.get(0).problem());
      ItRequests.assertHealthy(restarted.node, volumeId, target);
      restarted.node.nodeUnpublishVolume(
          NodeUnpublishVolumeRequest.newBuilder()
              .setVolumeId(volumeId)
              .setTargetPath(target.toString())
              .build());
      restarted.node.nodeUnstageVolume(
          NodeUnstageVolumeRequest.newBuilder()
              .setVolumeId(volumeId)
              .setStagingTargetPath(staging.toString())
              .build());
    }
    Leftovers.assertNone(dir);
  }
}
