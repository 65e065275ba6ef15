package io.strata.node.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.node.exec.FakeRunner;
import io.strata.node.exec.ProcessRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class FilesystemStatsTest {
  @Test
  void parsesStatfsOutput() {
    // the 256 MiB ext4 measured on the dev VM: 1 KiB blocks
    FilesystemStats.Usage u = FilesystemStats.parse("1024 235431 214937 210841 65536 65524\n");
    assertEquals(235431L * 1024, u.totalBytes());
    assertEquals(210841L * 1024, u.availableBytes());
    assertEquals((235431L - 214937) * 1024, u.usedBytes());
    assertEquals(65536, u.totalInodes());
    assertEquals(65524, u.freeInodes());
    assertEquals(12, u.usedInodes());
  }

  @Test
  void cephFsHasNoInodeLimit() {
    // ceph-fuse on a subvolume with a 100 MiB quota (client_quota_df), as measured: 1 inode held
    FilesystemStats.Usage u = FilesystemStats.parse("4194304 25 25 25 1 -1\n");
    assertEquals(100L << 20, u.totalBytes());
    assertEquals(100L << 20, u.availableBytes());
    assertEquals(0, u.usedBytes());
    assertEquals(0, u.totalInodes());
    assertEquals(0, u.freeInodes());
    assertEquals(1, u.usedInodes());
    assertEquals(
        u, FilesystemStats.parse("4194304 25 25 25 1 18446744073709551615\n"), "unsigned form");
  }

  @Test
  void rejectsOutputItDoesNotUnderstand() {
    assertThrows(IllegalArgumentException.class, () -> FilesystemStats.parse("1 2 3"));
  }

  @Test
  void asksStatAndBlockdev() {
    FakeRunner runner =
        new FakeRunner()
            .onOk(List.of("stat"), "4096 10 5 4 100 90\n")
            .onOk(List.of("blockdev"), "67108864\n");
    FilesystemStats stats = new FilesystemStats(runner);
    assertEquals(40960, stats.usage(Path.of("/t")).totalBytes());
    assertEquals(67108864L, stats.deviceSize("/dev/loop0"));
    assertEquals(
        List.of(
            List.of("stat", "-f", "-c", "%S %b %f %a %c %d", "/t"),
            List.of("blockdev", "--getsize64", "/dev/loop0")),
        runner.argvs());
  }

  @Test
  void readsARealFilesystem() {
    FilesystemStats.Usage u = new FilesystemStats(new ProcessRunner()).usage(Path.of("/"));
    assertTrue(u.totalBytes() > 0 && u.usedBytes() >= 0 && u.availableBytes() <= u.totalBytes());
  }
}
