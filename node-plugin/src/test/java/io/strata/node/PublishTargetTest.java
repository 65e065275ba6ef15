package io.strata.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.csi.CsiException;
import io.strata.node.PublishTarget.Kind;
import io.strata.node.state.AccessType;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublishTargetTest {
  @TempDir Path dir;

  @Test
  void tellsWhatIsAtAPathWithoutFollowingLinks() throws Exception {
    Path file = Files.createFile(dir.resolve("f"));
    assertEquals(Kind.ABSENT, PublishTarget.kindOf(dir.resolve("none")));
    assertEquals(Kind.DIRECTORY, PublishTarget.kindOf(dir));
    assertEquals(Kind.EMPTY_FILE, PublishTarget.kindOf(file));
    assertEquals(Kind.FILE_WITH_DATA, PublishTarget.kindOf(Files.writeString(file, "x")));
    assertEquals(Kind.LINK, PublishTarget.kindOf(Files.createSymbolicLink(dir.resolve("l"), dir)));
    assertEquals(Kind.SPECIAL, PublishTarget.kindOf(Path.of("/dev/null")));
  }

  @Test
  void aBlockTargetMayShowADeviceOnlyWhileAStalePublishIsMountedThere() {
    PublishTarget.check(Path.of("/dev/null"), AccessType.BLOCK, true);
    assertThrows(
        CsiException.class,
        () -> PublishTarget.check(Path.of("/dev/null"), AccessType.BLOCK, false));
  }

  @Test
  void namesIoFailuresInWords() {
    assertEquals("permission denied on /t", PublishTarget.reason(new AccessDeniedException("/t")));
    assertEquals(
        "/t exists and is not a directory",
        PublishTarget.reason(new FileAlreadyExistsException("/t")));
    assertEquals("/t does not exist", PublishTarget.reason(new NoSuchFileException("/t")));
    assertEquals(
        "/t: Read-only file system",
        PublishTarget.reason(new FileSystemException("/t", null, "Read-only file system")));
  }
}
