package io.strata.operator.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** File tree helpers for cluster directories. Symbolic links are removed, never followed. */
final class Directories {
  private Directories() {}

  static boolean isEmpty(Path directory) throws IOException {
    try (Stream<Path> entries = Files.list(directory)) {
      return entries.findAny().isEmpty();
    }
  }

  /** Mount points at or below {@code directory}, from /proc/self/mountinfo. */
  static List<Path> mountsUnder(Path directory) {
    Path mountinfo = Path.of("/proc/self/mountinfo");
    List<Path> mounts = new ArrayList<>();
    if (!Files.isReadable(mountinfo)) {
      return mounts;
    }
    try {
      for (String line : Files.readAllLines(mountinfo)) {
        String[] fields = line.split(" ");
        if (fields.length > 4) {
          Path point = Path.of(unescape(fields[4]));
          if (point.startsWith(directory)) {
            mounts.add(point);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("read " + mountinfo, e);
    }
    return mounts;
  }

  /** mountinfo writes space, tab, newline and backslash as octal escapes (\040). */
  static String unescape(String field) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < field.length(); i++) {
      char c = field.charAt(i);
      if (c == '\\'
          && i + 3 < field.length()
          && field.substring(i + 1, i + 4).matches("[0-7]{3}")) {
        out.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
        i += 3;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Deletes a file or a whole tree; a missing path is fine. */
  static void deleteTree(Path path) {
    if (!Files.exists(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try {
      Files.walkFileTree(
          path,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.delete(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
              if (e != null) {
                throw e;
              }
              Files.delete(dir);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("delete " + path, e);
    }
  }
}
