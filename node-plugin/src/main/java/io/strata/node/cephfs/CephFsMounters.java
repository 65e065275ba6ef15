package io.strata.node.cephfs;

import io.strata.csi.CsiException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Picks the CephFS client for a volume: the StorageClass {@code mounter} when given, else the
 * kernel client when this node's kernel has CephFS (the ceph module is loaded, or ceph is listed in
 * /proc/filesystems), else ceph-fuse.
 */
final class CephFsMounters {
  static final String FUSE = "fuse";
  static final String KERNEL = "kernel";
  static final List<String> NAMES = List.of(FUSE, KERNEL);
  static final Path CEPH_MODULE = Path.of("/sys/module/ceph");
  static final Path FILESYSTEMS = Path.of("/proc/filesystems");

  private final CephFsMounter fuse;
  private final CephFsMounter kernel;
  private final Predicate<Path> exists;
  private final Supplier<String> filesystems;

  CephFsMounters(CephFsMounter fuse, CephFsMounter kernel) {
    this(fuse, kernel, Files::exists, CephFsMounters::readFilesystems);
  }

  CephFsMounters(
      CephFsMounter fuse,
      CephFsMounter kernel,
      Predicate<Path> exists,
      Supplier<String> filesystems) {
    this.fuse = fuse;
    this.kernel = kernel;
    this.exists = exists;
    this.filesystems = filesystems;
  }

  /**
   * @param mounter the StorageClass parameter, already checked; blank for auto-detection
   */
  CephFsMounter forMounter(String mounter) {
    return named(mounter == null || mounter.isBlank() ? detect() : mounter.strip());
  }

  /** The client a record names. */
  CephFsMounter named(String name) {
    return switch (name) {
      case FUSE -> fuse;
      case KERNEL -> kernel;
      default -> throw CsiException.invalidArgument("unknown CephFS mounter " + name);
    };
  }

  String detect() {
    boolean kernelHasCephFs = exists.test(CEPH_MODULE) || listsCeph(filesystems.get());
    return kernelHasCephFs ? KERNEL : FUSE;
  }

  /** /proc/filesystems lines are "[nodev]\t<name>". */
  private static boolean listsCeph(String filesystems) {
    return filesystems
        .lines()
        .map(l -> l.strip().split("\\s+"))
        .anyMatch(fields -> fields[fields.length - 1].equals("ceph"));
  }

  private static String readFilesystems() {
    try {
      return Files.readString(FILESYSTEMS);
    } catch (IOException e) {
      return "";
    }
  }
}
