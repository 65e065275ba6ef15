package io.strata.node.it;

import static io.strata.node.it.NodePluginHarness.mount;
import static io.strata.node.it.NodePluginHarness.stageRequest;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.grpc.ManagedChannel;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.Command;
import io.strata.node.exec.ProcessRunner;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
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
  private Process child;
  private String image;

  @AfterEach
  void tearDown() {
    if (child != null) {
      child.destroyForcibly();
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
    Path socket = dir.resolve("child.sock");
    child = startChild(socket);
    ManagedChannel channel = CsiChannels.open(Endpoint.parse("unix://" + socket));
    NodeGrpc.NodeBlockingStub node = NodeGrpc.newBlockingStub(channel);
    node.nodeStageVolume(
        stageRequest(cluster, volumeId, image, staging, mount("ext4", Mode.SINGLE_NODE_WRITER))
            .build());
    node.nodePublishVolume(
        NodePublishVolumeRequest.newBuilder()
            .setVolumeId(volumeId)
            .setStagingTargetPath(staging.toString())
            .setTargetPath(target.toString())
            .setVolumeCapability(mount("ext4", Mode.SINGLE_NODE_WRITER))
            .build());
    Files.writeString(target.resolve("before.txt"), "before the kill");
    channel.shutdownNow();

    child.destroyForcibly(); // SIGKILL
    assertEquals(137, child.waitFor(), "the plugin should die of SIGKILL");
    child = null;

    assertEquals("before the kill", Files.readString(target.resolve("before.txt")));
    Files.writeString(target.resolve("after.txt"), "x".repeat(1 << 20));
    new ProcessRunner().check(Command.of("sync", "-f", target.resolve("after.txt").toString()));

    var findings =
        NodePlugin.startupCheck(
                NodeConfig.of("it-node", dir.resolve("state")),
                new ProcessRunner(),
                CephArgs.defaults())
            .run();
    assertEquals(1, findings.size());
    assertEquals(Optional.empty(), findings.get(0).problem());
    try (NodePluginHarness restarted = new NodePluginHarness(cluster, dir)) {
      assertFalse(
          restarted
              .node
              .nodeGetVolumeStats(
                  NodeGetVolumeStatsRequest.newBuilder()
                      .setVolumeId(volumeId)
                      .setVolumePath(target.toString())
                      .build())
              .getVolumeCondition()
              .getAbnormal());
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

  private Process startChild(Path socket) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    NodePluginProcess.class.getName(),
                    socket.toString(),
                    dir.resolve("state").toString(),
                    cluster.monitors()))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
            .start();
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream()));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.equals("READY")) {
        return process;
      }
      seen.append(line).append('\n');
    }
    process.waitFor(5, TimeUnit.SECONDS);
    throw new IllegalStateException("node plugin process did not start:\n" + seen);
  }
}
