package io.strata.operator.k8s;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The CephClusters the operator has reached, by namespace (one per namespace, as in Rook). Filled
 * by the CephCluster reconciler, which runs for every cluster when the operator (or a new leader)
 * starts; pools and filesystems wait for their namespace's entry.
 */
public final class ClusterRegistry {
  private final Map<String, ReadyCluster> ready = new ConcurrentHashMap<>();

  public void put(String namespace, ReadyCluster cluster) {
    ready.put(namespace, cluster);
  }

  public void remove(String namespace) {
    ready.remove(namespace);
  }

  public Optional<ReadyCluster> find(String namespace) {
    return Optional.ofNullable(ready.get(namespace));
  }

  /** The namespace's cluster, or a problem the resource reports until the cluster is ready. */
  public ReadyCluster require(String namespace) {
    return find(namespace)
        .orElseThrow(() ->
            new SpecProblem(
                "ClusterNotReady",
                "no ready CephCluster in namespace "
                    + namespace
                    + " yet: create one there or see its status"));
  }
}
