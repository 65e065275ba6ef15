package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.Quantity;
import io.strata.operator.api.v1.CephClusterSpec.DirectorySpec;
import io.strata.operator.api.v1.CephClusterSpec.NodeSpec;
import io.strata.operator.api.v1.CephClusterSpec.StorageSpec;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the storage spec asks for file-backed OSDs: one per directory on each chosen node. With
 * useAllNodes, every usable node gets the spec's directories; otherwise each listed node gets its
 * own directories, or the spec's when it lists none (Rook's rule). Raw devices are not placed at
 * all; see {@link FieldsNotActedOn}.
 *
 * @param slots the OSDs asked for, in spec order
 * @param notActedOn JSON paths of parts that could not be placed (a node that is not there)
 */
record OsdPlan(List<OsdSlot> slots, List<String> notActedOn) {
  static final long MIN_BLOCK_BYTES = 1L << 30;

  static OsdPlan of(StorageSpec storage, List<NodeInfo> usable) {
    if (storage == null) {
      return new OsdPlan(List.of(), List.of());
    }
    Map<String, OsdSlot> slots = new LinkedHashMap<>(); // node + directory: one OSD each
    List<String> notActedOn = new ArrayList<>();
    if (storage.useAllNodes) {
      for (NodeInfo node : usable) {
        addAll(slots, node, storage.directories, "spec.storage.directories");
      }
      if (!storage.nodes.isEmpty()) {
        notActedOn.add("spec.storage.nodes"); // useAllNodes wins, as in Rook
      }
    } else {
      for (int i = 0; i < storage.nodes.size(); i++) {
        NodeSpec spec = storage.nodes.get(i);
        Optional<NodeInfo> node =
            usable.stream().filter(n -> n.name().equals(spec.name)).findFirst();
        if (node.isEmpty()) {
          notActedOn.add("spec.storage.nodes[" + i + "].name");
          continue;
        }
        boolean own = !spec.directories.isEmpty();
        addAll(
            slots,
            node.get(),
            own ? spec.directories : storage.directories,
            own ? "spec.storage.nodes[" + i + "].directories" : "spec.storage.directories");
      }
    }
    return new OsdPlan(List.copyOf(slots.values()), List.copyOf(notActedOn));
  }

  /** How many nodes hold OSDs: bounds how many copies of a pool can sit on distinct hosts. */
  long hosts() {
    return slots.stream().map(OsdSlot::node).distinct().count();
  }

  private static void addAll(
      Map<String, OsdSlot> slots, NodeInfo node, List<DirectorySpec> directories, String path) {
    for (int j = 0; j < directories.size(); j++) {
      DirectorySpec directory = directories.get(j);
      String where = path + "[" + j + "]";
      if (directory.path == null || !directory.path.startsWith("/")) {
        throw new IllegalArgumentException(
            where + ".path must be an absolute host path, is '" + directory.path + "'");
      }
      slots.putIfAbsent(
          node.name() + "\n" + directory.path,
          new OsdSlot(node.name(), node.hostname(), directory.path, bytes(directory.size, where)));
    }
  }

  private static long bytes(String size, String where) {
    BigDecimal bytes;
    try {
      bytes = Quantity.getAmountInBytes(new Quantity(size));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(where + ".size '" + size + "' is not a quantity");
    }
    if (bytes.compareTo(BigDecimal.valueOf(MIN_BLOCK_BYTES)) < 0) {
      throw new IllegalArgumentException(where + ".size must be at least 1Gi, is " + size);
    }
    return bytes.longValue();
  }
}
