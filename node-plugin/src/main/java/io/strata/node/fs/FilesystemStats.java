package io.strata.node.fs;

import io.strata.node.exec.Command;
import io.strata.node.exec.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Space and inode usage of a mounted filesystem ({@code stat -f}, i.e. statvfs, in a child process
 * with a time limit, so a hung filesystem cannot hang the caller) and the size of a block device
 * ({@code blockdev --getsize64}).
 */
public final class FilesystemStats {
  static final Duration TIMEOUT = Duration.ofSeconds(10);
  // fundamental block size, total, free, available blocks, total and free inodes
  static final String FORMAT = "%S %b %f %a %c %d";

  private final CommandRunner runner;

  public FilesystemStats(CommandRunner runner) {
    this.runner = runner;
  }

  public Usage usage(Path path) {
    return parse(runner.check(usageCommand(path)).stdout());
  }

  static Command usageCommand(Path path) {
    return Command.of("stat", "-f", "-c", FORMAT, path.toString()).timeout(TIMEOUT);
  }

  static Usage parse(String output) {
    String[] f = output.strip().split("\\s+");
    if (f.length != 6) {
      throw new IllegalArgumentException("unexpected stat -f output: " + output.strip());
    }
    long blockSize = Long.parseLong(f[0]);
    long blocks = Long.parseLong(f[1]);
    long free = Long.parseLong(f[2]);
    long available = Long.parseLong(f[3]);
    long inodes = Long.parseLong(f[4]);
    long freeInodes = count(f[5]);
    if (freeInodes < 0) {
      // CephFS counts the inodes it holds (f_files) but has no limit, so f_ffree is all ones:
      // report the count as used with no total rather than a full or a negative filesystem
      return new Usage(
          blocks * blockSize, available * blockSize, (blocks - free) * blockSize, 0, 0, inodes);
    }
    return new Usage(
        blocks * blockSize,
        available * blockSize,
        (blocks - free) * blockSize,
        inodes,
        freeInodes,
        inodes - freeInodes);
  }

  /** A statfs count; all ones (no limit) reads as -1, whether stat prints it signed or not. */
  private static long count(String field) {
    return field.startsWith("-") ? Long.parseLong(field) : Long.parseUnsignedLong(field);
  }

  public long deviceSize(String device) {
    String out =
        runner
            .check(Command.of("blockdev", "--getsize64", device).timeout(TIMEOUT))
            .stdout()
            .strip();
    return Long.parseLong(out);
  }

  /**
   * Bytes and inodes of one filesystem; "available" is what an unprivileged writer may use. Total
   * and free inodes are 0 when the filesystem sets no inode limit (CephFS).
   */
  public record Usage(
      long totalBytes,
      long availableBytes,
      long usedBytes,
      long totalInodes,
      long freeInodes,
      long usedInodes) {}
}
