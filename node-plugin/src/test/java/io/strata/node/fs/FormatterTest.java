package io.strata.node.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.node.exec.FakeRunner;
import java.util.List;
import org.junit.jupiter.api.Test;

class FormatterTest {
  @Test
  void thinProvisioningDefaults() {
    assertEquals(
        List.of(
            "mkfs.ext4", "-m0", "-Enodiscard,lazy_itable_init=1,lazy_journal_init=1", "/dev/rbd0"),
        Formatter.command("/dev/rbd0", "ext4", "").argv());
    assertEquals(
        List.of("mkfs.xfs", "-K", "/dev/rbd0"), Formatter.command("/dev/rbd0", "xfs", null).argv());
  }

  @Test
  void mkfsOptionsReplaceTheDefaults() {
    assertEquals(
        List.of("mkfs.ext4", "-b", "4096", "-L", "data", "/dev/nbd0"),
        Formatter.command("/dev/nbd0", "ext4", "  -b 4096\t-L data ").argv());
  }

  @Test
  void runsThroughTheRunner() {
    FakeRunner runner = new FakeRunner();
    new Formatter(runner).format("/dev/loop1", "xfs", "");
    assertEquals(List.of(List.of("mkfs.xfs", "-K", "/dev/loop1")), runner.argvs());
  }

  @Test
  void refusesUnknownFilesystems() {
    assertThrows(IllegalArgumentException.class, () -> Formatter.command("/dev/x", "ntfs", ""));
  }
}
