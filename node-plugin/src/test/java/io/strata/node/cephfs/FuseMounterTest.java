package io.strata.node.cephfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.Command;
import io.strata.node.exec.Daemons;
import io.strata.node.exec.FakeRunner;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import io.strata.node.state.VolumeKey;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class FuseMounterTest {
  private static final String KEY = "AQBx5ilnAAAAABAAkqNWBx+Xn0iWx5ZIVkCeHw==";

  @Test
  void runsCephFuseInTheForegroundOnTheSubvolumeWithAKeyFile() {
    MountTable mounts = new MountTable();
    FuseMounter fuse =
        new FuseMounter(
            new FuseDaemon(
                new Daemons(), mounts, new Unmounter(new Mounter(new FakeRunner()), mounts)),
            mounts,
            new CephArgs(Path.of("/etc/ceph/ceph.conf"), Duration.ofSeconds(20)),
            Path.of("/state/fuse"),
            Path.of("/keys"));
    CephFsRecord record =
        KernelMounterTest.record("/k/globalmount", List.of("noatime", "ro"), true);
    Command c =
        fuse.command(
            record,
            new ConnectionSpec(List.of("10.0.0.1:3300"), "csi-cephfs-node", KEY),
            Path.of("/keys/k"));
    assertEquals(
        List.of(
            "ceph-fuse",
            "/k/globalmount",
            "-f",
            "-c",
            "/etc/ceph/ceph.conf",
            "--id",
            "csi-cephfs-node",
            "-m",
            "10.0.0.1:3300",
            "--keyfile",
            "/keys/k",
            "--auth_client_required=cephx",
            "--client_mount_timeout=20",
            "--log-file=/state/fuse/" + VolumeKey.of("vol-1") + ".log",
            "--admin-socket=",
            "--client_fs=strata-fs",
            "-r",
            "/volumes/csi/csi-vol-1/6de99137",
            "-o",
            "noatime,ro"),
        c.argv());
    assertFalse(c.argv().contains(KEY));
  }
}
