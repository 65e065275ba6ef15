package io.strata.node.fuse;

import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What one run of a daemon wrote to its log (a daemon started again for the same volume appends to
 * the same file), for an error message a person can act on.
 */
final class DaemonLog {
  private static final int MAX_LINES = 5;

  private final Path file;
  private final long start;

  private DaemonLog(Path file, long start) {
    this.file = file;
    this.start = start;
  }

  /** The part of {@code file} written from now on. */
  static DaemonLog from(Path file) {
    try {
      return new DaemonLog(file, Files.exists(file) ? Files.size(file) : 0);
    } catch (IOException e) {
      return new DaemonLog(file, 0);
    }
  }

  /**
   * The last lines that report an error (Ceph marks them with level -1) or are plain text rather
   * than log records; the caller redacts secrets.
   */
  String errors() {
    List<String> lines;
    try (SeekableByteChannel channel = Files.newByteChannel(file)) {
      channel.position(start);
      byte[] written = Channels.newInputStream(channel).readAllBytes();
      lines = new String(written, StandardCharsets.UTF_8).lines().toList();
    } catch (IOException e) {
      return "(no log at " + file + ")";
    }
    List<String> wanted =
        lines.stream()
            .map(String::strip)
            .filter(l -> !l.isEmpty())
            .filter(l -> l.contains(" -1 ") || !Character.isDigit(l.charAt(0)))
            .toList();
    List<String> tail = wanted.subList(Math.max(0, wanted.size() - MAX_LINES), wanted.size());
    return tail.isEmpty() ? "(nothing logged, see " + file + ")" : String.join("; ", tail);
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
