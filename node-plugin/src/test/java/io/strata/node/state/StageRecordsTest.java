package io.strata.node.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.Attachment;
import io.strata.node.attach.ImageSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StageRecordsTest {
  @TempDir Path dir;

  private static StageRecord fuseRecord(String volumeId) {
    Attachment a =
        new Attachment(
            AttachMethod.FUSE,
            "/dev/loop3",
            new ImageSpec("rbd", "ns", "csi-vol-1"),
            Path.of("/state/fuse/" + VolumeKey.of(volumeId)),
            4242);
    return StageRecord.of(
        volumeId,
        Path.of("/kubelet/globalmount"),
        "c1",
        AccessType.MOUNT,
        "ext4",
        List.of("noatime"),
        false,
        a);
  }

  @Test
  void savesFindsAndDeletesByVolumeId() throws Exception {
    StageRecords<StageRecord> records = StageRecords.rbd(dir.resolve("volumes"));
    StageRecord saved = fuseRecord("0001-0004-c1-0000000000000002-uuid");
    records.save(saved);
    assertEquals(Optional.of(saved), records.find(saved.volumeId()));
    assertEquals(saved.attachment(), records.find(saved.volumeId()).orElseThrow().attachment());
    Path file = records.fileOf(saved.volumeId());
    assertEquals(VolumeKey.of(saved.volumeId()) + ".json", file.getFileName().toString());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    String json = Files.readString(file);
    assertTrue(
        json.contains("\"method\" : \"fuse\"") && json.contains("\"device\" : \"/dev/loop3\""),
        json);

    records.delete(saved.volumeId());
    records.delete(saved.volumeId());
    assertEquals(Optional.empty(), records.find(saved.volumeId()));
    try (var left = Files.list(dir.resolve("volumes"))) {
      assertEquals(0, left.count(), "no temporary files left");
    }
  }

  @Test
  void replacesARecordWhole() {
    StageRecords<StageRecord> records = StageRecords.rbd(dir);
    StageRecord first = fuseRecord("v");
    records.save(first);
    StageRecord second =
        first.withAttachment(
            Attachment.kernel(AttachMethod.KRBD, "/dev/rbd0", new ImageSpec("rbd", "", "img")));
    records.save(second);
    assertEquals(Optional.of(second), records.find("v"));
    assertEquals(1, records.all().size());
  }

  @Test
  void listsAllAndSkipsUnreadableFiles() throws Exception {
    StageRecords<StageRecord> records = StageRecords.rbd(dir);
    records.save(fuseRecord("a"));
    records.save(fuseRecord("b"));
    Files.writeString(dir.resolve("broken.json"), "{not json");
    Files.writeString(dir.resolve("notes.txt"), "ignored");
    assertEquals(2, records.all().size());
    assertEquals(List.of(), StageRecords.rbd(dir.resolve("missing")).all());
  }

  @Test
  void countsRecordsWithoutReadingThem() throws Exception {
    StageRecords<StageRecord> records = StageRecords.rbd(dir.resolve("volumes"));
    assertEquals(0, StageRecords.count(dir.resolve("volumes")));
    records.save(fuseRecord("a"));
    records.save(fuseRecord("b"));
    records.delete("a");

    assertEquals(1, StageRecords.count(dir.resolve("volumes")));
  }

  @Test
  void readsRecordsWithFieldsItDoesNotKnow() throws Exception {
    StageRecords<StageRecord> records = StageRecords.rbd(dir);
    records.save(fuseRecord("v"));
    Path file = records.fileOf("v");
    Files.writeString(file, Files.readString(file).replaceFirst("\\{", "{\"future\": 1,"));
    assertEquals("/dev/loop3", records.find("v").orElseThrow().device());
  }

  @Test
  void volumeKeysAreSha256Hex() {
    assertEquals(
        "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824", VolumeKey.of("hello"));
  }
}
