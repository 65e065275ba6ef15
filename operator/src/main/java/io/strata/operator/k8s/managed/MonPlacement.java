package io.strata.operator.k8s.managed;

import io.strata.operator.bootstrap.MonAddress;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Places monitors on nodes. Placed monitors stay where they are (their node may even be gone: a
 * monitor that moved would no longer match the monmap); only missing ones are placed, one per node
 * that has none, or, with allowMultiplePerNode, on the node with the fewest, on ports of their own.
 * A lower count removes nothing: taking a monitor out of quorum is an operator's decision.
 */
final class MonPlacement {
  static final int V2_PORT = 3300;
  static final int V1_PORT = 6789;

  /** Extra monitors on one node take the next ports: 3301/6790, 3302/6791... */
  private static final int MAX_PER_NODE = 10;

  private MonPlacement() {}

  /**
   * @param placed monitors placed earlier, kept as they are
   * @param nodes the nodes a new monitor may go to, in a stable order
   * @throws IllegalStateException when the count cannot be reached; the message says why and what
   *     to change
   */
  static List<MonSlot> place(
      List<MonSlot> placed, int count, boolean allowMultiplePerNode, List<NodeInfo> nodes) {
    if (count < 1) {
      throw new IllegalArgumentException("spec.mon.count must be at least 1, is " + count);
    }
    List<MonSlot> slots = new ArrayList<>(placed);
    int missing = count - placed.size();
    if (missing <= 0) {
      return List.copyOf(slots);
    }
    List<NodeInfo> free =
        nodes.stream()
            .filter(n -> slots.stream().noneMatch(s -> s.node().equals(n.name())))
            .toList();
    if (!allowMultiplePerNode && free.size() < missing) {
      throw new IllegalStateException(
          "spec.mon.count is "
              + count
              + " but "
              + (placed.isEmpty() ? "" : placed.size() + " monitors are placed and ")
              + free.size()
              + " more nodes can take one ("
              + describe(nodes)
              + "); add Ready, untainted nodes with an InternalIP, lower the count, or set"
              + " spec.mon.allowMultiplePerNode (test clusters only: one node failing then loses"
              + " quorum)");
    }
    if (nodes.isEmpty()) {
      throw new IllegalStateException(
          "no node can take a monitor: none is Ready, untainted and has an IPv4 InternalIP");
    }
    int batch = placed.stream().mapToInt(MonSlot::batch).max().orElse(0) + 1;
    for (int i = 0; i < missing; i++) {
      NodeInfo node = leastUsed(nodes, slots);
      slots.add(
          new MonSlot(nextId(slots), node.name(), node.hostname(), address(node, slots), batch));
    }
    return List.copyOf(slots);
  }

  private static NodeInfo leastUsed(List<NodeInfo> nodes, List<MonSlot> slots) {
    return nodes.stream()
        .min(
            Comparator.comparingLong(
                n -> slots.stream().filter(s -> s.node().equals(n.name())).count()))
        .orElseThrow();
  }

  /** The node's first pair of ports no monitor there uses. */
  private static MonAddress address(NodeInfo node, List<MonSlot> slots) {
    Set<Integer> used = new HashSet<>();
    slots.stream()
        .filter(s -> s.node().equals(node.name()))
        .forEach(s -> used.addAll(List.of(s.address().v2Port(), s.address().v1Port())));
    for (int offset = 0; offset < MAX_PER_NODE; offset++) {
      if (!used.contains(V2_PORT + offset) && !used.contains(V1_PORT + offset)) {
        return new MonAddress(node.internalIp(), V2_PORT + offset, V1_PORT + offset);
      }
    }
    throw new IllegalStateException(
        "node "
            + node.name()
            + " already runs "
            + MAX_PER_NODE
            + " monitors; lower spec.mon.count");
  }

  private static String nextId(List<MonSlot> slots) {
    Set<String> taken = slots.stream().map(MonSlot::id).collect(Collectors.toSet());
    for (int i = 0; ; i++) {
      if (!taken.contains(DaemonIds.letters(i))) {
        return DaemonIds.letters(i);
      }
    }
  }

  private static String describe(List<NodeInfo> nodes) {
    return nodes.isEmpty()
        ? "no usable node"
        : "usable: " + nodes.stream().map(NodeInfo::name).collect(Collectors.joining(", "));
  }
}
