package io.strata.controller;

import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.csi.CsiException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which (access type, access mode) pairs a backend honours. RBD: single-node modes for filesystems;
 * multi-node writers only on raw block (the application coordinates); read-only many everywhere.
 * CephFS: every mode.
 */
public record AccessModes(Set<Mode> filesystem, Set<Mode> block) {
  private static final Set<Mode> SINGLE_NODE =
      Set.of(
          Mode.SINGLE_NODE_WRITER,
          Mode.SINGLE_NODE_READER_ONLY,
          Mode.SINGLE_NODE_SINGLE_WRITER,
          Mode.SINGLE_NODE_MULTI_WRITER);

  public static AccessModes rbd() {
    Set<Mode> readOnlyMany = union(SINGLE_NODE, Set.of(Mode.MULTI_NODE_READER_ONLY));
    return new AccessModes(readOnlyMany, union(readOnlyMany, Set.of(Mode.MULTI_NODE_MULTI_WRITER)));
  }

  /** Empty when every capability is supported, else what is not and why. */
  public Optional<String> unsupported(List<VolumeCapability> capabilities) {
    for (VolumeCapability capability : capabilities) {
      Mode mode = capability.getAccessMode().getMode();
      boolean block = capability.hasBlock();
      if (!block && !capability.hasMount()) {
        return Optional.of("a volume capability must set access_type mount or block");
      }
      if (!(block ? this.block : filesystem).contains(mode)) {
        return Optional.of(
            "access mode "
                + mode
                + " is not supported for "
                + (block ? "block" : "filesystem")
                + " volumes");
      }
    }
    return Optional.empty();
  }

  /** Rejects an empty list or an unsupported capability with INVALID_ARGUMENT. */
  public void require(List<VolumeCapability> capabilities) {
    if (capabilities.isEmpty()) {
      throw CsiException.invalidArgument("volume_capabilities are required");
    }
    unsupported(capabilities)
        .ifPresent(
            why -> {
              throw CsiException.invalidArgument(why);
            });
  }

  private static Set<Mode> union(Set<Mode> a, Set<Mode> b) {
    java.util.HashSet<Mode> all = new java.util.HashSet<>(a);
    all.addAll(b);
    return Set.copyOf(all);
  }
}
