package io.strata.node.fs;

import io.strata.node.exec.Command;
import io.strata.node.exec.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Grows a mounted filesystem to fill its (already grown) device: {@code resize2fs} for ext3/ext4
 * (online, by device; the kernel needs CAP_SYS_RESOURCE), {@code xfs_growfs -d} for xfs (by mount
 * point). Growing to the current size is a no-op for both tools, so retries are safe.
 */
public final class FilesystemResizer {
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private final CommandRunner runner;

  public FilesystemResizer(CommandRunner runner) {
    this.runner = runner;
  }

  public void grow(String device, Path mountPoint, String fsType) {
    runner.check(command(device, mountPoint, fsType));
  }

  static Command command(String device, Path mountPoint, String fsType) {
    return switch (fsType) {
      case "ext4", "ext3", "ext2" -> Command.of("resize2fs", device).timeout(TIMEOUT);
      case "xfs" -> Command.of("xfs_growfs", "-d", mountPoint.toString()).timeout(TIMEOUT);
      default -> throw new IllegalArgumentException("cannot grow a " + fsType + " filesystem");
    };
  }
}
