package io.strata.node.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.AttachRequest;
import io.strata.node.attach.Attacher;
import io.strata.node.attach.AttacherSelector;
import io.strata.node.attach.Attachment;
import io.strata.node.attach.ImageSpec;
import io.strata.node.exec.FakeRunner;
import io.strata.node.fs.DeviceProbe;
import io.strata.node.fs.Formatter;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.state.AccessType;
import io.strata.node.state.StageRecord;
import io.strata.node.state.StageRecords;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupCheckTest {
  @TempDir Path dir;

  @Test
  void reportsHealthyBrokenAndUnmountedVolumes() throws Exception {
    StageRecords<StageRecord> records = StageRecords.rbd(dir.resolve("volumes"));
    records.save(record("healthy", "/dev/rbd0", "/s1"));
    records.save(record("unmapped", "/dev/rbd1", "/s2"));
    records.save(record("unmounted", "/dev/rbd2", "/s3"));
    Path table = dir.resolve("mountinfo");
    Files.writeString(
        table,
        "9 1 252:0 / /s1 rw - ext4 /dev/rbd0 rw\n" + "10 1 252:1 / /s2 rw - ext4 /dev/rbd1 rw\n");
    Attacher krbd =
        new Attacher() {
          @Override
          public AttachMethod method() {
            return AttachMethod.KRBD;
          }

          @Override
          public Attachment attach(AttachRequest request) {
            throw new UnsupportedOperationException();
          }

          @Override
          public void detach(Attachment attachment) {}

          @Override
          public Optional<String> problem(Attachment a) {
            return a.device().equals("/dev/rbd1") ? Optional.of("unmapped") : Optional.empty();
          }
        };
    FakeRunner runner = new FakeRunner();
    StartupCheck check =
        new StartupCheck(
            records,
            new AttacherSelector(List.of(krbd)),
            new StagingArea(
                new DeviceProbe(runner),
                new Formatter(runner),
                new Mounter(runner),
                new MountTable(table)));
    var byVolume = new java.util.HashMap<String, Optional<String>>();
    check.run().forEach(f -> byVolume.put(f.volumeId(), f.problem()));
    assertEquals(Optional.empty(), byVolume.get("healthy"));
    assertEquals(Optional.of("unmapped"), byVolume.get("unmapped"));
    assertEquals(Optional.of("nothing is mounted at /s3"), byVolume.get("unmounted"));
    assertEquals(List.of(), runner.argvs());
  }

  private static StageRecord record(String id, String device, String staging) {
    return StageRecord.of(
        id,
        Path.of(staging),
        "c1",
        AccessType.MOUNT,
        "ext4",
        List.of(),
        false,
        Attachment.kernel(AttachMethod.KRBD, device, new ImageSpec("rbd", "", id)));
  }
}
