package io.strata.node.it;

import static io.strata.node.it.ItRequests.assertHealthy;
import static io.strata.node.it.ItRequests.publish;
import static io.strata.node.it.ItRequests.sigkill;
import static io.strata.node.it.ItRequests.unpublish;
import static io.strata.node.it.ItRequests.unstage;
import static io.strata.node.it.NodePluginHarness.cephFsStageRequest;
import static io.strata.node.it.NodePluginHarness.mount;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.node.NodeConfig;
import io.strata.node.exec.Command;
import io.strata.node.exec.ProcessRunner;
import io.strata.node.it.NodePluginHarness.Type;
import io.strata.node.mount.MountTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SIGKILL of the CephFS node plugin's JVM with volumes staged and published through ceph-fuse: the
 * daemons live on and workloads keep their data; and when a daemon died too, the restarted plugin
 * mounts the volume again and binds its targets again before it serves.
 */
@Tag("integration")
class CephFsCrashIT {
  private static final Mode RWX = Mode.MULTI_NODE_MULTI_WRITER;
  @TempDir Path dir;
  private ItCluster cluster;
  private ItSubvolumes subvolumes;
  private ChildPlugin child;
  private NodePluginHarness restarted;
  private final ItRequests requests = new ItRequests();
  private final ProcessRunner runner = new ProcessRunner();

  @BeforeEach
  void setUp() throws Exception {
    cluster = ItCluster.fromSystemProperties(dir.resolve("admin-keys"));
    subvolumes = new ItSubvolumes(cluster);
    child =
        ChildPlugin.start(dir.resolve("child.sock"), dir.resolve("state"), cluster, Type.CEPHFS);
  }

  @AfterEach
  void tearDown() {
    if (child != null) {
      requests.cleanUp(child.node);
      child.close();
    }
    if (restarted != null) {
      requests.cleanUp(restarted.node);
      restarted.close();
    }
    subvolumes.close();
    Leftovers.assertNone(dir, NodeConfig.of("it-node", dir.resolve("state")));
  }

  @Test
  void cephFuseOutlivesAKilledPlugin() throws Exception {
    Volume v = stageAndPublish("outlive");
    Files.writeString(v.target.resolve("before.txt"), "before the kill");

    assertEquals(137, child.kill(), "the plugin should die of SIGKILL");
    child = null;
    assertEquals("before the kill", Files.readString(v.target.resolve("before.txt")));
    Files.writeString(v.target.resolve("after.txt"), "while no plugin runs");

    restarted = new NodePluginHarness(cluster, dir, Type.CEPHFS);
    assertEquals(1, restarted.findings.size());
    assertEquals(Optional.empty(), restarted.findings.get(0).problem());
    assertHealthy(restarted.node, v.volumeId, v.target);
    unpublishAndUnstage(v);
  }

  @Test
  void aRestartedPluginMountsAgainWhatDiedWithIt() throws Exception {
    Volume v = stageAndPublish("remount");
    Path readOnly = dir.resolve("pods/ro/mount");
    requests.track(v.volumeId, v.staging, readOnly);
    child.node.nodePublishVolume(publish(v.volumeId, v.staging, readOnly, true, mount("", RWX)));
    Files.writeString(v.target.resolve("before.txt"), "before both died");
    runner.check(Command.of("sync", "-f", v.target.resolve("before.txt").toString()));

    // the daemon dies as it would with its container
    sigkill(
        ItSubvolumes.cephFuseDaemon(NodeConfig.of("it-node", dir.resolve("state")), v.volumeId));
    assertEquals(137, child.kill());
    child = null;
    assertThrows(IOException.class, () -> Files.readString(v.target.resolve("before.txt")));

    long started = System.nanoTime();
    restarted = new NodePluginHarness(cluster, dir, Type.CEPHFS);
    System.out.printf(
        "plugin start with one ceph-fuse to mount again %d ms%n",
        (System.nanoTime() - started) / 1_000_000);
    assertEquals(1, restarted.findings.size());
    assertEquals(Optional.empty(), restarted.findings.get(0).problem());
    // the MDS hands the file to the new client once the killed one's session timed out
    assertEquals(
        "before both died",
        runner
            .check(
                Command.of("cat", v.target.resolve("before.txt").toString())
                    .timeout(Duration.ofSeconds(150)))
            .stdout());
    assertEquals("before both died", Files.readString(readOnly.resolve("before.txt")));
    assertTrue(new MountTable().at(readOnly).orElseThrow().isReadOnly(), "still read-only");
    Files.writeString(v.target.resolve("after.txt"), "after the restart");
    assertEquals("after the restart", Files.readString(readOnly.resolve("after.txt")));
    assertHealthy(restarted.node, v.volumeId, v.target);
    restarted.node.nodeUnpublishVolume(unpublish(v.volumeId, readOnly));
    unpublishAndUnstage(v);
  }

  private record Volume(String volumeId, Path staging, Path target) {}

  private Volume stageAndPublish(String prefix) {
    ItSubvolumes.Volume subvolume = subvolumes.create(prefix, 32L << 20);
    Volume v = new Volume(subvolume.id(), dir.resolve("staging"), dir.resolve("pods/rw/mount"));
    requests.track(v.volumeId, v.staging, v.target);
    child.node.nodeStageVolume(
        cephFsStageRequest(cluster, v.volumeId, subvolume.path(), v.staging, RWX).build());
    child.node.nodePublishVolume(publish(v.volumeId, v.staging, v.target, false, mount("", RWX)));
    return v;
  }

  private void unpublishAndUnstage(Volume v) {
    restarted.node.nodeUnpublishVolume(unpublish(v.volumeId, v.target));
    restarted.node.nodeUnstageVolume(unstage(v.volumeId, v.staging));
    Leftovers.assertNone(dir, restarted.config);
  }
}
