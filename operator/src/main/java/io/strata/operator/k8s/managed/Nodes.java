package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The nodes daemons can be placed on now, by name, so placement is the same on every call. */
final class Nodes {
  private final KubernetesClient client;

  Nodes(KubernetesClient client) {
    this.client = client;
  }

  List<NodeInfo> usable() {
    return client.nodes().list().getItems().stream()
        .map(NodeInfo::usable)
        .flatMap(Optional::stream)
        .sorted(Comparator.comparing(NodeInfo::name))
        .toList();
  }
}
