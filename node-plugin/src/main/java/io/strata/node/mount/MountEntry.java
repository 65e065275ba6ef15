package io.strata.node.mount;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * One line of /proc/self/mountinfo, escapes already decoded.
 *
 * @param root the directory of the source filesystem that is mounted here ("/" unless a bind of a
 *     sub-directory or of a single file, e.g. "/loop0" for a bound device node)
 * @param mountOptions per-mount options (ro, nosuid, ...)
 * @param superOptions per-filesystem options (errors=..., user_id=...)
 */
public record MountEntry(
    int id,
    int parentId,
    String device,
    String root,
    Path mountPoint,
    String mountOptions,
    String fsType,
    String source,
    String superOptions) {

  /** Mount and filesystem options together, in that order, without duplicates. */
  public Set<String> options() {
    Set<String> all = new LinkedHashSet<>(Arrays.asList(mountOptions.split(",")));
    all.addAll(Arrays.asList(superOptions.split(",")));
    all.remove("");
    return all;
  }

  public boolean isReadOnly() {
    return mountOptions.equals("ro") || mountOptions.startsWith("ro,");
  }

  /** True for FUSE filesystems ("fuse", "fuse.rbd-fuse", "fuse.ceph-fuse", "fuseblk"). */
  public boolean isFuse() {
    return fsType.equals("fuse") || fsType.startsWith("fuse.") || fsType.equals("fuseblk");
  }
}
