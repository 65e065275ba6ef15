package io.strata.node.cephfs;

import io.strata.csi.CsiException;
import io.strata.node.NodeRequests;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The CephFS keys of a NodeStageVolume request's volume_context, checked.
 *
 * @param fsName the filesystem ({@code fsName})
 * @param subvolumePath the subvolume's absolute path in the filesystem ({@code subvolumePath}, what
 *     {@code fs subvolume getpath} answers)
 * @param snapshotPath for a volume served from a snapshot, the snapshot's directory relative to the
 *     subvolume path ({@code snapshotPath}: .snap/snapshot/data directory); empty otherwise
 * @param mounter {@code fuse}, {@code kernel}, or empty to pick the kernel client when the node has
 *     it
 * @param fuseOptions ceph-fuse {@code -o} options ({@code fuseMountOptions}, comma-separated)
 * @param kernelOptions kernel mount options ({@code kernelMountOptions}, comma-separated)
 */
public record CephFsVolume(
    String fsName,
    String subvolumePath,
    String snapshotPath,
    String mounter,
    List<String> fuseOptions,
    List<String> kernelOptions) {
  static final String FS_NAME = "fsName";
  static final String SUBVOLUME_PATH = "subvolumePath";
  static final String SNAPSHOT_PATH = "snapshotPath";
  static final String MOUNTER = "mounter";
  static final String FUSE_OPTIONS = "fuseMountOptions";
  static final String KERNEL_OPTIONS = "kernelMountOptions";
  // Ceph's names for filesystems, groups and subvolumes use these characters only
  private static final Pattern FS_NAME_CHARS = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern PATH_CHARS = Pattern.compile("(/[A-Za-z0-9_.-]+)+/?");
  private static final Pattern SNAPSHOT_DIR =
      Pattern.compile("\\.snap/[A-Za-z0-9_-][A-Za-z0-9_.-]*/[A-Za-z0-9_-][A-Za-z0-9_.-]*");
  // what the kernel mounter sets itself, so a StorageClass cannot point it elsewhere
  private static final Set<String> KERNEL_RESERVED =
      Set.of("name", "secret", "secretfile", "mds_namespace", "fs");

  public CephFsVolume {
    fuseOptions = List.copyOf(fuseOptions);
    kernelOptions = List.copyOf(kernelOptions);
  }

  /** INVALID_ARGUMENT names the first key that is missing or wrong. */
  public static CephFsVolume of(Map<String, String> context) {
    String fsName = NodeRequests.required(context.get(FS_NAME), "volume_context " + FS_NAME);
    if (!FS_NAME_CHARS.matcher(fsName).matches() || fsName.startsWith("-")) {
      throw CsiException.invalidArgument("fsName '" + fsName + "' is not a CephFS name");
    }
    String path =
        NodeRequests.required(context.get(SUBVOLUME_PATH), "volume_context " + SUBVOLUME_PATH);
    if (!PATH_CHARS.matcher(path).matches()
        || Arrays.asList(path.split("/")).contains("..")
        || Arrays.asList(path.split("/")).contains(".")) {
      throw CsiException.invalidArgument(
          "subvolumePath '" + path + "' is not an absolute path of a subvolume");
    }
    String snapshotPath = context.getOrDefault(SNAPSHOT_PATH, "");
    if (!snapshotPath.isEmpty() && !SNAPSHOT_DIR.matcher(snapshotPath).matches()) {
      throw CsiException.invalidArgument(
          "snapshotPath '" + snapshotPath + "' is not .snap/<snapshot>/<directory>");
    }
    String mounter = context.getOrDefault(MOUNTER, "").strip();
    if (!mounter.isEmpty() && !CephFsMounters.NAMES.contains(mounter)) {
      throw CsiException.invalidArgument(
          "mounter '" + mounter + "' is not one of " + CephFsMounters.NAMES);
    }
    List<String> kernelOptions = options(context, KERNEL_OPTIONS);
    for (String option : kernelOptions) {
      if (KERNEL_RESERVED.contains(option.split("=", 2)[0])) {
        throw CsiException.invalidArgument(
            KERNEL_OPTIONS + " may not set " + option.split("=", 2)[0] + ": the plugin sets it");
      }
    }
    return new CephFsVolume(
        fsName, path, snapshotPath, mounter, options(context, FUSE_OPTIONS), kernelOptions);
  }

  private static List<String> options(Map<String, String> context, String key) {
    String text = context.getOrDefault(key, "").strip();
    if (text.isEmpty()) {
      return List.of();
    }
    List<String> options = Arrays.stream(text.split(",")).map(String::strip).toList();
    for (String option : options) {
      if (!NodeRequests.isPlainOption(option)) {
        throw CsiException.invalidArgument(
            key + " '" + text + "' holds an empty or invalid option");
      }
    }
    return options;
  }

  /** Whether the volume shows a snapshot, read-only, rather than the live subvolume. */
  boolean isSnapshot() {
    return !snapshotPath.isEmpty();
  }

  /** The options of the chosen mounter ("fuse" or "kernel"). */
  List<String> optionsFor(String mounterName) {
    return mounterName.equals(CephFsMounters.KERNEL) ? kernelOptions : fuseOptions;
  }
}
