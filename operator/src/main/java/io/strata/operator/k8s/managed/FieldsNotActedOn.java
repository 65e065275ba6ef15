package io.strata.operator.k8s.managed;

import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephClusterSpec.NodeSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Spec fields of a managed cluster that are set but not acted on by its runtime, as JSON paths for
 * the status: raw-device OSDs (only file-backed directories are made), a dashboard over TLS, and a
 * monitor count below the monitors already placed. Fields no runtime acts on (such as
 * spec.network.provider) are reported by the reconciler's own list.
 */
final class FieldsNotActedOn {
  private FieldsNotActedOn() {}

  static List<String> of(CephClusterSpec spec, int placedMons) {
    List<String> ignored = new ArrayList<>();
    if (spec.storage != null) {
      if (spec.storage.useAllDevices) {
        ignored.add("spec.storage.useAllDevices");
      }
      if (isSet(spec.storage.deviceFilter)) {
        ignored.add("spec.storage.deviceFilter");
      }
      for (int i = 0; i < spec.storage.nodes.size(); i++) {
        NodeSpec node = spec.storage.nodes.get(i);
        if (!node.devices.isEmpty()) {
          ignored.add("spec.storage.nodes[" + i + "].devices");
        }
        if (isSet(node.deviceFilter)) {
          ignored.add("spec.storage.nodes[" + i + "].deviceFilter");
        }
      }
    }
    if (spec.dashboard != null && Boolean.TRUE.equals(spec.dashboard.ssl)) {
      ignored.add("spec.dashboard.ssl"); // served over plain HTTP: no certificate is made
    }
    if (spec.mon.count < placedMons) {
      ignored.add("spec.mon.count"); // monitors are never removed from quorum automatically
    }
    return ignored;
  }

  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
