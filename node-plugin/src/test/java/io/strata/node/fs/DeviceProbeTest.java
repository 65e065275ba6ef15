package io.strata.node.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.node.exec.CommandException;
import io.strata.node.exec.FakeRunner;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DeviceProbeTest {
  private static final List<String> BLKID = List.of("blkid", "-p", "-o", "export", "/dev/loop0");

  @Test
  void exitCodeTwoMeansBlank() {
    FakeRunner runner = new FakeRunner().on(BLKID, 2, "", "");
    assertTrue(new DeviceProbe(runner).probe("/dev/loop0").isBlank());
    assertEquals(List.of(BLKID), runner.argvs());
  }

  @Test
  void readsTheFilesystemType() {
    FakeRunner runner =
        new FakeRunner()
            .onOk(
                BLKID,
                "DEVNAME=/dev/loop0\nUUID=730c935d\nVERSION=1.0\nBLOCK_SIZE=1024\nTYPE=ext4\n"
                    + "USAGE=filesystem\n");
    DeviceProbe.Signature s = new DeviceProbe(runner).probe("/dev/loop0");
    assertEquals(Optional.of("ext4"), s.fsType());
    assertEquals("a ext4 filesystem", s.describe());
  }

  @Test
  void aPartitionTableIsNotBlank() {
    DeviceProbe.Signature s = DeviceProbe.parse("DEVNAME=/dev/rbd0\nPTUUID=x\nPTTYPE=gpt\n");
    assertFalse(s.isBlank());
    assertEquals(Optional.empty(), s.fsType());
    assertEquals("a gpt partition table", s.describe());
  }

  @Test
  void otherFailuresAreErrorsNotBlankDevices() {
    FakeRunner runner = new FakeRunner().on(BLKID, 4, "", "blkid: error: /dev/loop0: EIO");
    assertThrows(CommandException.class, () -> new DeviceProbe(runner).probe("/dev/loop0"));
  }
}
