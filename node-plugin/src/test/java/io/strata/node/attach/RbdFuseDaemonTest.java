package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.exec.Command;
import io.strata.node.exec.Daemons;
import io.strata.node.exec.FakeRunner;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RbdFuseDaemonTest {
  private static final String KEY = "AQBx5ilnAAAAABAAkqNWBx+Xn0iWx5ZIVkCeHw==";
  @TempDir Path dir;

  private RbdFuseDaemon daemon(FakeRunner runner, String mountinfo) throws Exception {
    Path table = dir.resolve("mountinfo");
    Files.writeString(table, mountinfo);
    MountTable mounts = new MountTable(table);
    return new RbdFuseDaemon(
        runner,
        new FuseDaemon(new Daemons(), mounts, new Unmounter(new Mounter(runner), mounts)),
        mounts,
        new CephArgs(Path.of("/etc/ceph/ceph.conf"), Duration.ofSeconds(20)),
        Path.of("/state/fuse"),
        dir.resolve("keys"));
  }

  @Test
  void runsInTheForegroundLimitedToOneImageWithAKeyFile() throws Exception {
    Command c =
        daemon(new FakeRunner(), "")
            .command(
                Path.of("/state/fuse/abc"),
                new ImageSpec("replicapool", "tenant-a", "csi-vol-1"),
                new ConnectionSpec(List.of("10.0.0.1:3300"), "csi-rbd-node", KEY),
                Path.of("/keys/k"));
    assertEquals(
        List.of(
            "rbd-fuse",
            "-f",
            "-c",
            "/etc/ceph/ceph.conf",
            "--id",
            "csi-rbd-node",
            "-m",
            "10.0.0.1:3300",
            "--keyfile",
            "/keys/k",
            "--auth_client_required=cephx",
            "--client_mount_timeout=20",
            "--log-file=/state/fuse/abc.log",
            "--admin-socket=",
            "-p",
            "replicapool",
            "--namespace=tenant-a",
            "-r",
            "csi-vol-1",
            "/state/fuse/abc"),
        c.argv());
    assertFalse(c.argv().contains(KEY));
  }

  @Test
  void guardsTheMountPointOnceWithAReadOnlyTmpfs() throws Exception {
    FakeRunner runner = new FakeRunner();
    daemon(runner, "9 1 0:39 / /state/fuse/abc rw - fuse.rbd-fuse rbd-fuse rw\n")
        .guard(Path.of("/state/fuse/abc"));
    daemon(
            runner,
            "9 1 0:39 / /state/fuse/abc rw - fuse.rbd-fuse rbd-fuse rw\n"
                + "10 9 0:40 / /state/fuse/abc ro - tmpfs strata-fuse-guard ro\n")
        .guard(Path.of("/state/fuse/abc"));
    assertEquals(
        List.of(
            List.of(
                "mount",
                "-t",
                "tmpfs",
                "-o",
                "ro,nosuid,nodev,noexec,size=4k,nr_inodes=1,mode=0500",
                "strata-fuse-guard",
                "/state/fuse/abc")),
        runner.argvs());
  }
}
