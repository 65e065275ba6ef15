package io.strata.node;

import io.strata.csi.CsiException;
import io.strata.node.state.AccessType;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The file or directory a volume is published on. Publish creates it: a directory for a filesystem
 * volume, an empty file for a block volume. Anything else found there was not made by this plugin:
 * publish refuses to mount over it, unpublish leaves it in place. Links are never followed, so a
 * symbolic link cannot point a mount somewhere else.
 */
final class PublishTarget {
  private static final Logger LOG = LoggerFactory.getLogger(PublishTarget.class);

  private PublishTarget() {}

  /** What can be at a target path, as a message names it. */
  enum Kind {
    ABSENT("absent"),
    DIRECTORY("a directory"),
    EMPTY_FILE("an empty file"),
    FILE_WITH_DATA("a file with data"),
    LINK("a symbolic link"),
    SPECIAL("a device or other special file");

    private final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  /**
   * FAILED_PRECONDITION when the target cannot carry a volume of this type. {@code mounted}: a
   * stale publish is mounted there and is about to be replaced, so a block target shows the bound
   * device node rather than the empty file beneath it.
   */
  static void check(Path target, AccessType type, boolean mounted) {
    Kind kind = kindOf(target);
    if (type == AccessType.MOUNT) {
      if (kind != Kind.ABSENT && kind != Kind.DIRECTORY) {
        throw refused(
            target,
            "is not a directory (it is " + kind.description + ")",
            "a filesystem volume is published on a directory");
      }
    } else if (kind == Kind.DIRECTORY) {
      throw refused(target, "is a directory", "a block volume is published on a file");
    } else if (kind != Kind.ABSENT
        && kind != Kind.EMPTY_FILE
        && !(mounted && kind == Kind.SPECIAL)) {
      throw refused(
          target,
          "is not an empty file (it is " + kind.description + ")",
          "a block volume is published on an empty file the plugin creates");
    }
  }

  private static CsiException refused(Path target, String is, String wanted) {
    return CsiException.failedPrecondition(
        "target path " + target + " exists and " + is + "; " + wanted);
  }

  /** Creates the directory or the empty file; its parent too, when the CO has not. */
  static void create(Path target, AccessType type) {
    try {
      if (type == AccessType.BLOCK) {
        Files.createDirectories(target.getParent());
        if (kindOf(target) == Kind.ABSENT) {
          Files.createFile(target);
        }
      } else {
        Files.createDirectories(target);
      }
    } catch (IOException e) {
      throw CsiException.failedPrecondition(
          "cannot create target path " + target + ": " + reason(e));
    }
  }

  /**
   * Removes what {@link #create} made: an empty directory or an empty file. Anything else stays,
   * with a warning: the volume is no longer mounted there, which is all unpublish promises, and an
   * error would make the CO retry forever.
   */
  static void remove(Path target) {
    try {
      Kind kind = read(target);
      if (kind == Kind.DIRECTORY || kind == Kind.EMPTY_FILE) {
        Files.deleteIfExists(target);
      } else if (kind != Kind.ABSENT) {
        LOG.warn(
            "target {} is {}, not what publish creates; left in place", target, kind.description);
      }
    } catch (DirectoryNotEmptyException e) {
      LOG.warn(
          "target {} is a directory with files in it and no volume mounted; this plugin did not"
              + " fill it, so it is left in place",
          target);
    } catch (IOException e) {
      LOG.warn("cannot remove target {} ({}); left in place", target, reason(e));
    }
  }

  /** What is at the target; FAILED_PRECONDITION when the path cannot even be looked at. */
  static Kind kindOf(Path target) {
    try {
      return read(target);
    } catch (IOException e) {
      throw CsiException.failedPrecondition(
          "cannot look at target path " + target + ": " + reason(e));
    }
  }

  private static Kind read(Path target) throws IOException {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(target, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return Kind.ABSENT;
    }
    if (a.isDirectory()) {
      return Kind.DIRECTORY;
    }
    if (a.isSymbolicLink()) {
      return Kind.LINK;
    }
    if (a.isRegularFile()) {
      return a.size() == 0 ? Kind.EMPTY_FILE : Kind.FILE_WITH_DATA;
    }
    return Kind.SPECIAL;
  }

  /** What went wrong in words: the JDK names some errors only by their exception's class. */
  static String reason(IOException e) {
    String file = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : "";
    if (e instanceof AccessDeniedException) {
      return "permission denied on " + file;
    }
    if (e instanceof FileAlreadyExistsException) {
      return file + " exists and is not a directory";
    }
    if (e instanceof NoSuchFileException) {
      return file + " does not exist";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return file.isEmpty() ? f.getReason() : file + ": " + f.getReason();
    }
    return e.getMessage() == null ? "an I/O error" : e.getMessage();
  }
}
