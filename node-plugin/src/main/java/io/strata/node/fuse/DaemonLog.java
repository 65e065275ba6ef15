package io.strata.node.fuse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads what a failed daemon wrote to its log, for an error message a person can act on. */
final class DaemonLog {
  private static final int MAX_LINES = 5;

  private DaemonLog() {}

  /**
   * The last lines that report an error (Ceph marks them with level -1) or are plain text rather
   * than log records; the caller redacts secrets.
   */
  static String errors(Path log) {
    List<String> lines;
    try {
      lines = Files.readAllLines(log);
    } catch (IOException e) {
      return "(no log at " + log + ")";
    }
    List<String> wanted =
        lines.stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .filter(l -> l.contains(" -1 ") || !Character.isDigit(l.charAt(0)))
            .toList();
    List<String> tail = wanted.subList(Math.max(0, wanted.size() - MAX_LINES), wanted.size());
    return tail.isEmpty() ? "(nothing logged, see " + log + ")" : String.join("; ", tail);
  }

  static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a FUSE daemon", e);
    }
  }
}
