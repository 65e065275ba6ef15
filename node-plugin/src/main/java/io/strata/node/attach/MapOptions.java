package io.strata.node.attach;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The StorageClass {@code mapOptions} in ceph-csi's format: options per attach method, separated by
 * ';' and prefixed with the method ({@code krbd:lock_on_read,queue_depth=1024;nbd:try-netlink}).
 * Options without a prefix are krbd options, as in ceph-csi. rbd-fuse takes none.
 */
public final class MapOptions {
  private MapOptions() {}

  /** The comma-separated options that apply to {@code method}, in order. */
  public static List<String> forMethod(String mapOptions, AttachMethod method) {
    List<String> options = new ArrayList<>();
    if (mapOptions == null || mapOptions.isBlank()) {
      return options;
    }
    for (String group : mapOptions.split(";")) {
      String body = group.strip();
      AttachMethod target = AttachMethod.KRBD;
      int colon = body.indexOf(':');
      if (colon >= 0) {
        String prefix = body.substring(0, colon).strip();
        target = methodOf(prefix);
        body = body.substring(colon + 1);
      }
      if (target == method) {
        Arrays.stream(body.split(","))
            .map(String::strip)
            .filter(o -> !o.isEmpty())
            .forEach(options::add);
      }
    }
    return options;
  }

  /** Fails on a prefix that names no method, so typos surface at stage time. */
  static AttachMethod methodOf(String prefix) {
    return switch (prefix) {
      case "krbd" -> AttachMethod.KRBD;
      case "nbd", "rbd-nbd" -> AttachMethod.RBD_NBD;
      case "fuse", "rbd-fuse" -> AttachMethod.FUSE;
      default ->
          throw new IllegalArgumentException(
              "mapOptions prefix '" + prefix + "' is not one of krbd, nbd, fuse");
    };
  }

  /** Checks the whole value; throws IllegalArgumentException with the reason. */
  public static void validate(String mapOptions) {
    for (AttachMethod method : AttachMethod.values()) {
      for (String option : forMethod(mapOptions, method)) {
        if (option.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
          throw new IllegalArgumentException("map option '" + option + "' contains whitespace");
        }
      }
    }
  }
}
