package io.strata.node.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilesystemResizerTest {
  @Test
  void ext4GrowsByDeviceXfsByMountPoint() {
    assertEquals(
        List.of("resize2fs", "/dev/loop0"),
        FilesystemResizer.command("/dev/loop0", Path.of("/s"), "ext4").argv());
    assertEquals(
        List.of("xfs_growfs", "-d", "/s"),
        FilesystemResizer.command("/dev/loop0", Path.of("/s"), "xfs").argv());
    assertThrows(
        IllegalArgumentException.class,
        () -> FilesystemResizer.command("/dev/loop0", Path.of("/s"), "btrfs"));
  }
}
