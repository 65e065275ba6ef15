package io.strata.operator.k8s;

import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephFilesystem;
import java.util.List;
import java.util.stream.Stream;

/**
 * The resources of a namespace that need its CephCluster to be deleted: a CephBlockPool or
 * CephFilesystem removes its Ceph pools through the cluster, so a cluster gone first would leave
 * them stuck on their finalizers (Rook blocks the deletion the same way).
 */
final class ClusterDependents {
  private final KubernetesClient client;

  ClusterDependents(KubernetesClient client) {
    this.client = client;
  }

  /** {@code Kind/name} of each, those already being deleted included. */
  List<String> in(String namespace) {
    return Stream.concat(
            names(CephBlockPool.class, namespace), names(CephFilesystem.class, namespace))
        .toList();
  }

  private Stream<String> names(Class<? extends CustomResource<?, ?>> type, String namespace) {
    return client.resources(type).inNamespace(namespace).list().getItems().stream()
        .map(r -> r.getKind() + "/" + r.getMetadata().getName());
  }
}
