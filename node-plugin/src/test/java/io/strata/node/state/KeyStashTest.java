package io.strata.node.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyStashTest {
  @TempDir Path dir;

  @Test
  void keepsOneKeyPerVolumeReadableByRootOnly() throws Exception {
    KeyStash stash = new KeyStash(dir.resolve("keys"), "/state/one");
    KeyStash other = new KeyStash(dir.resolve("keys"), "/state/two");
    assertEquals(Optional.empty(), stash.find("vol-1"));
    stash.save("vol-1", "AQBkey==\n");
    stash.save("vol-1", "AQBnewkey==");
    assertEquals(Optional.of("AQBnewkey=="), stash.find("vol-1"));
    assertEquals(Optional.empty(), other.find("vol-1"), "another plugin's stash");
    Path file = stash.fileOf("vol-1");
    assertTrue(file.getFileName().toString().endsWith(VolumeKey.of("vol-1")), file.toString());
    assertEquals(List.of(file), stash.files());
    assertEquals(List.of(), other.files());
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    stash.delete("vol-1");
    stash.delete("vol-1");
    assertEquals(Optional.empty(), stash.find("vol-1"));
    try (var left = Files.list(dir.resolve("keys"))) {
      assertEquals(0, left.count(), "nothing left, no temporary files either");
    }
  }
}
