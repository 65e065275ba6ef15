package io.strata.controller;

import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.csi.CsiException;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Which (access type, access mode) pairs a backend honours. RBD: single-node modes for filesystems
 * (an ext4 or xfs mounted twice corrupts), read-only many for filesystems restored or cloned from a
 * source (an empty read-only volume is of no use), and every mode on raw block, where the
 * application coordinates writers. CephFS: every mode.
 *
 * @param filesystem modes for mount volumes
 * @param filesystemFromSource modes for mount volumes with a content source
 * @param block modes for block volumes
 */
public record AccessModes(Set<Mode> filesystem, Set<Mode> filesystemFromSource, Set<Mode> block) {
  private static final Set<Mode> SINGLE_NODE =
      EnumSet.of(
          Mode.SINGLE_NODE_WRITER,
          Mode.SINGLE_NODE_READER_ONLY,
          Mode.SINGLE_NODE_SINGLE_WRITER,
          Mode.SINGLE_NODE_MULTI_WRITER);
  private static final Set<Mode> ALL =
      EnumSet.complementOf(EnumSet.of(Mode.UNKNOWN, Mode.UNRECOGNIZED));

  public static AccessModes rbd() {
    Set<Mode> restored = EnumSet.copyOf(SINGLE_NODE);
    restored.add(Mode.MULTI_NODE_READER_ONLY);
    return new AccessModes(SINGLE_NODE, restored, ALL);
  }

  public static AccessModes cephfs() {
    return new AccessModes(ALL, ALL, Set.of());
  }

  private static final Set<Mode> READER_ONLY =
      EnumSet.of(Mode.SINGLE_NODE_READER_ONLY, Mode.MULTI_NODE_READER_ONLY);

  /** Whether every capability asks for reading only (a volume served from a snapshot needs it). */
  public static boolean isReadOnly(List<VolumeCapability> capabilities) {
    return !capabilities.isEmpty()
        && capabilities.stream().allMatch(c -> READER_ONLY.contains(c.getAccessMode().getMode()));
  }

  /** Empty when every capability is supported, else what is not and why. */
  public Optional<String> unsupported(List<VolumeCapability> capabilities, boolean fromSource) {
    for (VolumeCapability capability : capabilities) {
      Mode mode = capability.getAccessMode().getMode();
      boolean block = capability.hasBlock();
      if (!block && !capability.hasMount()) {
        return Optional.of("a volume capability must set access_type mount or block");
      }
      Set<Mode> allowed = block ? this.block : fromSource ? filesystemFromSource : filesystem;
      if (!allowed.contains(mode)) {
        return Optional.of(
            "access mode "
                + mode
                + " is not supported for "
                + (block ? "block" : fromSource ? "restored or cloned filesystem" : "filesystem")
                + " volumes");
      }
    }
    return Optional.empty();
  }

  /** Rejects an empty list or an unsupported capability with INVALID_ARGUMENT. */
  public void require(List<VolumeCapability> capabilities, boolean fromSource) {
    if (capabilities.isEmpty()) {
      throw CsiException.invalidArgument("volume_capabilities are required");
    }
    unsupported(capabilities, fromSource)
        .ifPresent(why -> {
          throw CsiException.invalidArgument(why);
        });
  }
}
