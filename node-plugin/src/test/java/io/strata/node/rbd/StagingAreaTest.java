package io.strata.node.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.Attachment;
import io.strata.node.attach.ImageSpec;
import io.strata.node.exec.FakeRunner;
import io.strata.node.fs.DeviceProbe;
import io.strata.node.fs.Formatter;
import io.strata.node.mount.MountInfoParser;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.state.AccessType;
import io.strata.node.state.StageRecord;
import io.strata.node.state.VolumeKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StagingAreaTest {
  @TempDir Path dir;

  private StageRecord record(AccessType type, String fs, boolean readOnly, String... flags) {
    return StageRecord.of(
        "vol-1",
        dir.resolve("staging"),
        "c1",
        type,
        fs,
        List.of(flags),
        readOnly,
        Attachment.kernel(AttachMethod.KRBD, "/dev/rbd0", new ImageSpec("rbd", "", "img")));
  }

  private StagingArea area(FakeRunner runner, String mountinfo) throws Exception {
    Path table = dir.resolve("mountinfo");
    Files.writeString(table, mountinfo);
    return new StagingArea(
        new DeviceProbe(runner), new Formatter(runner), new Mounter(runner), new MountTable(table));
  }

  @Test
  void formatsABlankDeviceThenMounts() throws Exception {
    FakeRunner runner = new FakeRunner().on(List.of("blkid"), 2, "", "");
    area(runner, "").prepare(record(AccessType.MOUNT, "xfs", false, "noatime"), "");
    assertEquals(
        List.of(
            List.of("blkid", "-p", "-o", "export", "/dev/rbd0"),
            List.of("mkfs.xfs", "-K", "/dev/rbd0"),
            List.of(
                "mount",
                "-t",
                "xfs",
                "-o",
                "noatime,nouuid",
                "/dev/rbd0",
                dir.resolve("staging").toString())),
        runner.argvs());
  }

  @Test
  void neverFormatsADeviceThatHoldsSomething() throws Exception {
    FakeRunner runner = new FakeRunner().onOk(List.of("blkid"), "TYPE=ext4\n");
    area(runner, "").prepare(record(AccessType.MOUNT, "ext4", true), "-F");
    assertEquals(
        List.of("mount", "-t", "ext4", "-o", "ro", "/dev/rbd0", dir.resolve("staging").toString()),
        runner.argvs().get(1));

    FakeRunner other = new FakeRunner().onOk(List.of("blkid"), "PTTYPE=gpt\n");
    CsiException e =
        assertThrows(
            CsiException.class,
            () -> area(other, "").prepare(record(AccessType.MOUNT, "ext4", false), ""));
    assertEquals(Status.Code.FAILED_PRECONDITION, e.code());
    assertTrue(e.getMessage().contains("gpt partition table"), e.getMessage());
    assertEquals(1, other.argvs().size());
  }

  @Test
  void aBlankReadOnlyVolumeCannotBeFormatted() throws Exception {
    FakeRunner runner = new FakeRunner().on(List.of("blkid"), 2, "", "");
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        assertThrows(
                CsiException.class,
                () -> area(runner, "").prepare(record(AccessType.MOUNT, "ext4", true), ""))
            .code());
  }

  @Test
  void blockVolumesBindTheDeviceOntoAFile() throws Exception {
    FakeRunner runner = new FakeRunner();
    StageRecord r = record(AccessType.BLOCK, "", false);
    area(runner, "").prepare(r, "");
    Path file = dir.resolve("staging").resolve(VolumeKey.of("vol-1"));
    assertTrue(Files.isRegularFile(file));
    assertEquals(List.of(List.of("mount", "--bind", "/dev/rbd0", file.toString())), runner.argvs());
  }

  @Test
  void skipsWhatIsAlreadyDoneAndSeesOtherUses() throws Exception {
    String staging = dir.resolve("staging").toString();
    FakeRunner runner = new FakeRunner();
    StagingArea area =
        area(
            runner,
            "9 1 252:0 / "
                + staging
                + " rw - ext4 /dev/rbd0 rw\n"
                + "10 1 252:0 / /pods/p/mount rw - ext4 /dev/rbd0 rw\n");
    StageRecord r = record(AccessType.MOUNT, "ext4", false);
    area.prepare(r, "");
    assertEquals(List.of(), runner.argvs());
    assertTrue(area.isStaged(r));
    assertEquals(List.of(Path.of("/pods/p/mount")), area.otherUses(r));
  }

  @Test
  void recognisesTheDeviceBehindMounts() {
    var fs = MountInfoParser.parse("9 1 7:0 / /s rw - ext4 /dev/loop0 rw").get(0);
    var node = MountInfoParser.parse("10 1 0:6 /loop0 /t rw - devtmpfs devtmpfs rw").get(0);
    var sub = MountInfoParser.parse("11 1 7:0 /dir /u rw - ext4 /dev/loop0 rw").get(0);
    assertTrue(StagingArea.showsDevice(fs, "/dev/loop0"));
    assertTrue(StagingArea.showsDevice(node, "/dev/loop0"));
    assertFalse(StagingArea.showsDevice(node, "/dev/loop1"));
    assertFalse(StagingArea.showsDevice(sub, "/dev/loop0"));
  }
}
