package io.strata.node;

import io.strata.node.fs.Formatter;
import java.util.Set;

/**
 * Which volume capabilities a backend's volumes accept on this node.
 *
 * @param block raw block access is possible
 * @param sharedMounts a mounted volume may be written from several nodes at once
 * @param defaultFsType the filesystem of a mount request without fs_type
 * @param fsTypes the filesystems a volume may be formatted with; empty when the backend is a
 *     filesystem of its own and ignores fs_type
 */
public record AccessRules(
    boolean block, boolean sharedMounts, String defaultFsType, Set<String> fsTypes) {
  /** RBD images: block devices, formatted when mounted, which only one node may mount. */
  public static final AccessRules RBD =
      new AccessRules(true, false, Formatter.DEFAULT_FS, Formatter.SUPPORTED);

  /**
   * CephFS subvolumes: shared filesystems, mounted only. fs_type is ignored because a subvolume has
   * no other filesystem, and provisioners fill it in (with ext4) when a StorageClass leaves it out.
   */
  public static final AccessRules CEPHFS = new AccessRules(false, true, "", Set.of());

  public AccessRules {
    fsTypes = Set.copyOf(fsTypes);
  }

  /** Whether fs_type is checked at all. */
  public boolean formats() {
    return !fsTypes.isEmpty();
  }
}
