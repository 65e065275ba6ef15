package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A node Ceph daemons can be pinned to.
 *
 * @param name the Node's name
 * @param hostname its {@code kubernetes.io/hostname} label, what a pod's nodeSelector names (often,
 *     not always, the node name)
 * @param internalIp its IPv4 InternalIP, where a monitor on it listens
 */
record NodeInfo(String name, String hostname, String internalIp) {
  static final String HOSTNAME_LABEL = "kubernetes.io/hostname";

  NodeInfo {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(internalIp, "internalIp");
  }

  /**
   * The node, if daemons can go there now: Ready, schedulable, without NoSchedule or NoExecute
   * taints (the daemons tolerate none), with an IPv4 InternalIP (the daemons bind IPv4 only). A
   * monitor never moves once placed, so placing one on a node that cannot run it would leave it
   * down for good.
   */
  static Optional<NodeInfo> usable(Node node) {
    if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
      return Optional.empty();
    }
    if (node.getSpec() != null && hasBlockingTaint(node.getSpec().getTaints())) {
      return Optional.empty();
    }
    if (node.getStatus() == null || !ready(node.getStatus().getConditions())) {
      return Optional.empty();
    }
    String name = node.getMetadata().getName();
    Map<String, String> labels = node.getMetadata().getLabels();
    String hostname = labels == null ? name : labels.getOrDefault(HOSTNAME_LABEL, name);
    return internalIpv4(node.getStatus().getAddresses())
        .map(ip -> new NodeInfo(name, hostname, ip));
  }

  private static boolean hasBlockingTaint(List<Taint> taints) {
    return taints != null
        && taints.stream()
            .anyMatch(t -> "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect()));
  }

  private static boolean ready(List<NodeCondition> conditions) {
    return conditions != null
        && conditions.stream()
            .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
  }

  private static Optional<String> internalIpv4(List<NodeAddress> addresses) {
    if (addresses == null) {
      return Optional.empty();
    }
    return addresses.stream()
        .filter(a -> "InternalIP".equals(a.getType()))
        .map(NodeAddress::getAddress)
        .filter(address -> address != null && !address.contains(":"))
        .findFirst();
  }
}
