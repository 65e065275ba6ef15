package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoriesTest {
  @TempDir Path dir;

  @Test
  void deletesATreeWithoutFollowingLinks() throws Exception {
    Path outside = Files.createDirectories(dir.resolve("outside"));
    Files.writeString(outside.resolve("keep"), "x");
    Path tree = Files.createDirectories(dir.resolve("tree/a/b"));
    Files.writeString(tree.resolve("file"), "x");
    Files.createSymbolicLink(dir.resolve("tree/link"), outside);

    Directories.deleteTree(dir.resolve("tree"));

    assertFalse(Files.exists(dir.resolve("tree")));
    assertTrue(Files.exists(outside.resolve("keep")));
    Directories.deleteTree(dir.resolve("tree")); // missing is fine
  }

  @Test
  void unescapesMountinfo() {
    assertEquals("/mnt/with space", Directories.unescape("/mnt/with\\040space"));
    assertEquals("/plain", Directories.unescape("/plain"));
  }

  @Test
  void findsMountsUnderADirectory() {
    assertTrue(Directories.mountsUnder(Path.of("/proc")).contains(Path.of("/proc")));
    assertEquals(0, Directories.mountsUnder(dir).size());
  }
}
