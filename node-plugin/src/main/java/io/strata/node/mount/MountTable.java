package io.strata.node.mount;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The mounts this process sees, read from /proc/self/mountinfo on every call: the kernel is the
 * only truth about what is mounted, so nothing here is cached.
 */
public final class MountTable {
  private final Path mountInfo;

  public MountTable() {
    this(Path.of("/proc/self/mountinfo"));
  }

  public MountTable(Path mountInfo) {
    this.mountInfo = mountInfo;
  }

  public List<MountEntry> entries() {
    try {
      return MountInfoParser.parse(Files.readString(mountInfo));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + mountInfo, e);
    }
  }

  /** The mount visible at {@code path}: the last one mounted there when mounts are stacked. */
  public Optional<MountEntry> at(Path path) {
    Path wanted = normal(path);
    MountEntry top = null;
    for (MountEntry entry : entries()) {
      if (entry.mountPoint().equals(wanted)) {
        top = entry;
      }
    }
    return Optional.ofNullable(top);
  }

  public boolean isMountPoint(Path path) {
    return at(path).isPresent();
  }

  /** How many mounts are stacked at {@code path} (a repeated bind mount stacks). */
  public int depth(Path path) {
    Path wanted = normal(path);
    return (int) entries().stream().filter(e -> e.mountPoint().equals(wanted)).count();
  }

  /** Every mount whose source is {@code source} (a device such as /dev/loop3). */
  public List<MountEntry> bySource(String source) {
    return entries().stream().filter(e -> e.source().equals(source)).toList();
  }

  /**
   * Other mount points that show the same directory of the same filesystem as the mount at {@code
   * path} (bind mounts of it, or it of them): same device number and same root. A kernel CephFS
   * superblock may serve several subvolumes, so the root tells them apart.
   */
  public List<MountEntry> othersShowing(Path path) {
    Optional<MountEntry> mount = at(path);
    if (mount.isEmpty()) {
      return List.of();
    }
    MountEntry m = mount.get();
    return entries().stream()
        .filter(e -> e.device().equals(m.device()) && e.root().equals(m.root()))
        .filter(e -> !e.mountPoint().equals(m.mountPoint()))
        .toList();
  }

  public Optional<String> sourceOf(Path path) {
    return at(path).map(MountEntry::source);
  }

  public Optional<String> fsTypeOf(Path path) {
    return at(path).map(MountEntry::fsType);
  }

  private static Path normal(Path path) {
    return path.toAbsolutePath().normalize();
  }
}
