package io.strata.controller.rbd;

import io.strata.csi.CsiException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * QoS limits as mutable parameters, named as librbd names its options. They are stored as image
 * metadata ({@code conf_<option>}), which librbd clients (rbd-nbd, rbd-fuse) apply per image; the
 * kernel client ignores them.
 */
final class RbdQos {
  static final Set<String> OPTIONS =
      Set.of(
          "rbd_qos_iops_limit",
          "rbd_qos_bps_limit",
          "rbd_qos_read_iops_limit",
          "rbd_qos_write_iops_limit",
          "rbd_qos_read_bps_limit",
          "rbd_qos_write_bps_limit");

  private RbdQos() {}

  /** The image metadata for validated parameters; INVALID_ARGUMENT names the first bad one. */
  static Map<String, String> metadata(Map<String, String> mutableParameters) {
    Map<String, String> metadata = new HashMap<>();
    mutableParameters.forEach((key, value) -> {
      if (!OPTIONS.contains(key)) {
        throw CsiException.invalidArgument(
            "mutable parameter "
                + key
                + " is not supported; RBD volumes take "
                + String.join(", ", OPTIONS.stream().sorted().toList()));
      }
      if (!value.matches("[0-9]{1,18}")) {
        throw CsiException.invalidArgument(
            "mutable parameter " + key + " must be a whole number (0 for no limit)");
      }
      metadata.put("conf_" + key, value);
    });
    return metadata;
  }
}
