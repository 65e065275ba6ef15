package io.strata.controller.rbd;

import io.strata.ceph.RbdImages;
import io.strata.csi.CsiException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code imageFeatures} StorageClass parameter: a comma-separated list of librbd feature names
 * (as {@code rbd create --image-feature} takes them), validated before any image is made.
 *
 * <p>The default is librbd's own: layering, exclusive-lock, object-map, fast-diff, deep-flatten,
 * which krbd serves since Linux 5.3. With the object map librbd removes (and diffs, and flattens)
 * only the objects that exist: an image with layering alone costs one delete per object of its
 * size, 100 s for 1 TiB here, however little was written.
 */
final class RbdFeatures {
  static final String PARAMETER = "imageFeatures";

  private static final Map<String, Long> BITS = new LinkedHashMap<>();

  static {
    BITS.put("layering", RbdImages.FEATURE_LAYERING);
    BITS.put("exclusive-lock", RbdImages.FEATURE_EXCLUSIVE_LOCK);
    BITS.put("object-map", RbdImages.FEATURE_OBJECT_MAP);
    BITS.put("fast-diff", RbdImages.FEATURE_FAST_DIFF);
    BITS.put("deep-flatten", RbdImages.FEATURE_DEEP_FLATTEN);
    BITS.put("journaling", RbdImages.FEATURE_JOURNALING);
  }

  /** A feature and the one it cannot work without, as librbd checks them at create. */
  private record Requirement(String feature, String needs) {}

  private static final List<Requirement> REQUIREMENTS =
      List.of(
          new Requirement("object-map", "exclusive-lock"),
          new Requirement("fast-diff", "object-map"),
          new Requirement("journaling", "exclusive-lock"));

  static final long DEFAULT =
      RbdImages.FEATURE_LAYERING
          | RbdImages.FEATURE_EXCLUSIVE_LOCK
          | RbdImages.FEATURE_OBJECT_MAP
          | RbdImages.FEATURE_FAST_DIFF
          | RbdImages.FEATURE_DEEP_FLATTEN;

  private RbdFeatures() {}

  /** The feature bits the parameters ask for; INVALID_ARGUMENT says what to change. */
  static long of(Map<String, String> parameters) {
    String listed = parameters.get(PARAMETER);
    if (listed == null || listed.isBlank()) {
      return DEFAULT;
    }
    List<String> names = new ArrayList<>();
    long bits = 0;
    for (String raw : listed.split(",")) {
      String name = raw.strip();
      Long bit = BITS.get(name);
      if (bit == null) {
        throw CsiException.invalidArgument(
            PARAMETER
                + " names an unknown or unsupported feature '"
                + name
                + "'; use a comma-separated list of "
                + String.join(", ", BITS.keySet()));
      }
      names.add(name);
      bits |= bit;
    }
    if (!names.contains("layering")) {
      throw CsiException.invalidArgument(
          PARAMETER + " must include layering: snapshots, restores and clones are RBD clones");
    }
    for (Requirement requirement : REQUIREMENTS) {
      if (names.contains(requirement.feature()) && !names.contains(requirement.needs())) {
        throw CsiException.invalidArgument(
            PARAMETER
                + ": "
                + requirement.feature()
                + " needs "
                + requirement.needs()
                + "; add it to the list");
      }
    }
    return bits;
  }
}
