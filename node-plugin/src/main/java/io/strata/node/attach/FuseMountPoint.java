package io.strata.node.attach;

import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The directory an rbd-fuse daemon mounts on, its log beside it, and the guard stacked over it.
 *
 * <p>rbd-fuse maps unlink and rename of its files to removing and renaming images, so a recursive
 * delete that walks into the mount point would destroy the volume (seen on the dev VM: a test's
 * temp-dir cleanup renamed an image to ".fuse_hidden..."). Once the loop device holds the image
 * file open, {@link #guard} stacks an empty read-only tmpfs over the mount point: the FUSE mount
 * stays attached (and listed in mountinfo) underneath, but no path reaches it any more.
 */
final class FuseMountPoint {
  static final String GUARD = "strata-fuse-guard";
  static final List<String> GUARD_OPTIONS =
      List.of("ro", "nosuid", "nodev", "noexec", "size=4k", "nr_inodes=1", "mode=0500");

  private final MountTable mounts;
  private final Mounter mounter;

  FuseMountPoint(MountTable mounts, Mounter mounter) {
    this.mounts = mounts;
    this.mounter = mounter;
  }

  /** Covers the mount point; harmless to repeat. */
  void guard(Path mountPoint) {
    boolean covered = mounts.at(mountPoint).filter(m -> m.source().equals(GUARD)).isPresent();
    if (!covered) {
      mounter.mount(GUARD, mountPoint, "tmpfs", GUARD_OPTIONS);
    }
  }

  static Path logFile(Path mountPoint) {
    return mountPoint.resolveSibling(mountPoint.getFileName() + ".log");
  }

  static void create(Path mountPoint) {
    try {
      Files.createDirectories(mountPoint);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + mountPoint, e);
    }
  }

  /** Removes the (unmounted) directory and the daemon's log. */
  static void remove(Path mountPoint) {
    try {
      Files.deleteIfExists(mountPoint);
      Files.deleteIfExists(logFile(mountPoint));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + mountPoint, e);
    }
  }
}
