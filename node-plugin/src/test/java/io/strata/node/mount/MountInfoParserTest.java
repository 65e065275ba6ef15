package io.strata.node.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MountInfoParserTest {
  @Test
  void parsesALineWithOptionalFields() {
    MountEntry e =
        MountInfoParser.parseLine(
            "36 35 98:0 /mnt1 /mnt/parent rw,noatime master:1 shared:7 - ext3 /dev/root"
                + " rw,errors=continue");
    assertEquals(36, e.id());
    assertEquals(35, e.parentId());
    assertEquals("98:0", e.device());
    assertEquals("/mnt1", e.root());
    assertEquals(Path.of("/mnt/parent"), e.mountPoint());
    assertEquals("ext3", e.fsType());
    assertEquals("/dev/root", e.source());
    assertEquals(Set.of("rw", "noatime", "errors=continue"), e.options());
    assertFalse(e.isReadOnly());
  }

  @Test
  void parsesALineWithoutOptionalFields() {
    MountEntry e =
        MountInfoParser.parseLine(
            "42 27 0:39 / /var/lib/strata/fuse/k rw,nosuid,nodev,relatime - fuse.rbd-fuse rbd-fuse"
                + " rw,user_id=0,group_id=0");
    assertEquals("fuse.rbd-fuse", e.fsType());
    assertTrue(e.isFuse());
    assertEquals("rbd-fuse", e.source());
  }

  @Test
  void decodesOctalEscapesInPathsAndSources() {
    MountEntry e =
        MountInfoParser.parseLine(
            "50 27 7:0 / /tmp/a\\040dir/with\\011tab\\134slash ro,relatime - ext4"
                + " /dev/loop\\0400 rw");
    assertEquals(Path.of("/tmp/a dir/with\ttab\\slash"), e.mountPoint());
    assertEquals("/dev/loop 0", e.source());
    assertTrue(e.isReadOnly());
  }

  @Test
  void decodesMultiByteCharactersAndKeepsStrayBackslashes() {
    assertEquals("/tmp/ünï", MountInfoParser.unescape("/tmp/ünï"));
    assertEquals("/tmp/x\\9y", MountInfoParser.unescape("/tmp/x\\9y"));
    assertEquals("/tmp/x\\", MountInfoParser.unescape("/tmp/x\\"));
    assertEquals("a\nb", MountInfoParser.unescape("a\\012b"));
  }

  @Test
  void parsesABindMountedDeviceNode() {
    MountEntry e =
        MountInfoParser.parseLine(
            "60 27 0:6 /loop0 /var/lib/kubelet/pods/p/dev rw,relatime - devtmpfs devtmpfs"
                + " rw,size=123k");
    assertEquals("/loop0", e.root());
    assertEquals("devtmpfs", e.fsType());
  }

  @Test
  void parsesAWholeFileSkippingBlankLines() {
    List<MountEntry> all =
        MountInfoParser.parse(
            "1 0 8:1 / / rw - ext4 /dev/sda1 rw\n\n2 1 0:5 / /proc rw - proc proc rw\n");
    assertEquals(2, all.size());
    assertEquals(Path.of("/proc"), all.get(1).mountPoint());
  }

  @Test
  void rejectsALineWithoutSeparator() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MountInfoParser.parseLine("1 0 8:1 / / rw ext4 /dev/sda1 rw"));
  }
}
