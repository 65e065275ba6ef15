package io.strata.node.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MountTableTest {
  @TempDir Path dir;

  private MountTable table(String content) throws Exception {
    Path file = dir.resolve("mountinfo");
    Files.writeString(file, content);
    return new MountTable(file);
  }

  @Test
  void answersFromTheFileEveryTime() throws Exception {
    MountTable table = table("1 0 8:1 / / rw - ext4 /dev/sda1 rw\n");
    assertFalse(table.isMountPoint(Path.of("/stage")));
    Files.writeString(
        dir.resolve("mountinfo"),
        "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n9 1 7:0 / /stage rw - ext4 /dev/loop0 rw\n");
    assertTrue(table.isMountPoint(Path.of("/stage")));
    assertTrue(table.isMountPoint(Path.of("/stage/../stage/")));
    assertEquals(Optional.of("/dev/loop0"), table.sourceOf(Path.of("/stage")));
    assertEquals(Optional.of("ext4"), table.fsTypeOf(Path.of("/stage")));
  }

  @Test
  void theLastOfStackedMountsIsTheVisibleOne() throws Exception {
    MountTable table =
        table(
            "9 1 0:39 / /f rw - fuse.rbd-fuse rbd-fuse rw\n"
                + "10 9 0:40 / /f ro - tmpfs strata-fuse-guard ro\n");
    assertEquals("tmpfs", table.at(Path.of("/f")).orElseThrow().fsType());
    assertEquals(2, table.depth(Path.of("/f")));
    assertEquals(1, table.bySource("rbd-fuse").size());
  }

  @Test
  void readsTheRealTableOfThisProcess() {
    assertTrue(new MountTable().isMountPoint(Path.of("/")));
  }

  @Test
  void findsTheOtherMountsShowingTheSameDirectory() throws Exception {
    MountTable table =
        table(
            "40 27 0:39 / /stage rw - fuse.ceph-fuse ceph-fuse rw\n"
                + "41 27 0:39 / /pod/a ro - fuse.ceph-fuse ceph-fuse rw\n"
                + "42 27 0:39 /sub /pod/b rw - fuse.ceph-fuse ceph-fuse rw\n"
                + "43 27 0:50 /volumes/x /k1 rw - ceph 10.0.0.1:/volumes/x rw\n"
                + "44 27 0:50 /volumes/y /k2 rw - ceph 10.0.0.1:/volumes/y rw\n");
    assertEquals(
        List.of(Path.of("/pod/a")),
        table.othersShowing(Path.of("/stage")).stream().map(MountEntry::mountPoint).toList());
    assertEquals(List.of(), table.othersShowing(Path.of("/k1")), "one superblock, two roots");
    assertEquals(List.of(), table.othersShowing(Path.of("/nowhere")));
  }
}
