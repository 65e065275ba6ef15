package io.strata.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFileTest {
  @TempDir Path base;

  @Test
  void writesTheKeyPrivatelyAndRemovesItOnClose() throws Exception {
    Path file;
    Path dir;
    try (KeyFile key = KeyFile.write(base.resolve("keys"), "AQBkey==\n")) {
      file = key.path();
      dir = file.getParent();
      assertEquals("AQBkey==", Files.readString(file));
      assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
      assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
      key.close();
      key.close();
    }
    assertFalse(Files.exists(file));
    assertFalse(Files.exists(dir));
  }

  @Test
  void eachKeyGetsItsOwnDirectory() {
    try (KeyFile a = KeyFile.write(base, "k1");
        KeyFile b = KeyFile.write(base, "k2")) {
      assertFalse(a.path().getParent().equals(b.path().getParent()));
    }
  }

  @Test
  void refusesAnEmptyKey() {
    assertThrows(IllegalArgumentException.class, () -> KeyFile.write(base, " "));
  }
}
