package io.strata.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.AttachRequest;
import io.strata.node.attach.Attacher;
import io.strata.node.attach.Attachment;
import io.strata.node.attach.CephArgs;
import io.strata.node.attach.ImageSpec;
import io.strata.node.exec.Command;
import io.strata.node.exec.ProcessRunner;
import io.strata.node.mount.MountTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rbd-fuse + loop for real: attach, I/O through the device, detach, nothing left. */
@Tag("integration")
class FuseAttacherIT {
  @TempDir Path dir;
  private ItCluster cluster;
  private NodeConfig config;
  private final ProcessRunner runner = new ProcessRunner();
  private String image;
  private Attachment attached;

  @BeforeEach
  void setUp() {
    cluster = ItCluster.fromSystemProperties(dir.resolve("admin-keys"));
    config = NodeConfig.of("it-node", dir.resolve("state"));
    image = ItCluster.uniqueName("fuse-it");
    cluster.createImage(image, 64);
  }

  @AfterEach
  void tearDown() {
    if (attached != null) {
      fuse().detach(attached);
    }
    if (cluster != null) {
      cluster.removeImage(image);
    }
  }

  private Attacher fuse() {
    return NodePlugin.attachers(
            config,
            runner,
            new CephArgs(Path.of("/dev/null"), Duration.ofSeconds(20)),
            new MountTable())
        .of(AttachMethod.FUSE);
  }

  @Test
  void attachesWritesReadsAndDetachesLeavingNothing() throws Exception {
    AttachRequest request =
        new AttachRequest(
            "vol-" + image, new ImageSpec(cluster.pool(), "", image), cluster.admin(), "", false);
    long started = System.nanoTime();
    Attachment attachment = fuse().attach(request);
    attached = attachment;
    long attachMs = (System.nanoTime() - started) / 1_000_000;
    System.out.println("fuse attach took " + attachMs + " ms -> " + attachment.device());

    assertTrue(attachment.device().startsWith("/dev/loop"), attachment.device());
    assertTrue(attachment.fuseMountPoint().startsWith(config.fuseRoot()));
    assertTrue(new MountTable().isMountPoint(attachment.fuseMountPoint()));
    assertEquals(
        64L << 20,
        Long.parseLong(
            runner
                .check(Command.of("blockdev", "--getsize64", attachment.device()))
                .stdout()
                .strip()));
    assertTrue(Files.list(config.keyDir()).findAny().isEmpty(), "key file left behind");
    assertNotEquals(
        sessionOf(ProcessHandle.current().pid()),
        sessionOf(attachment.daemonPid()),
        "rbd-fuse must run in a session of its own");

    // a recursive delete through the fuse mount point must not reach the image
    runner.run(Command.of("rm", "-rf", attachment.fuseMountPoint().toString()));
    assertTrue(cluster.images().contains(image), "image removed through the fuse mount");

    Path data = dir.resolve("data");
    runner.check(Command.of("dd", "if=/dev/urandom", "of=" + data, "bs=1M", "count=2"));
    runner.check(
        Command.of(
            "dd",
            "if=" + data,
            "of=" + attachment.device(),
            "bs=1M",
            "seek=10",
            "oflag=direct",
            "conv=fsync"));

    // a fresh attacher (a restarted plugin) finds the same daemon and device
    Attachment again = fuse().attach(request);
    assertEquals(attachment.device(), again.device());
    assertEquals(attachment.daemonPid(), again.daemonPid());

    Path back = dir.resolve("back");
    runner.check(
        Command.of(
            "dd",
            "if=" + attachment.device(),
            "of=" + back,
            "bs=1M",
            "skip=10",
            "count=2",
            "iflag=direct"));
    assertEquals(-1L, Files.mismatch(data, back), "bytes read back differ");

    fuse().detach(attachment);
    fuse().detach(attachment);
    Leftovers.assertNone(dir);
  }

  private static String sessionOf(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3]; // state ppid pgrp session
  }
}
