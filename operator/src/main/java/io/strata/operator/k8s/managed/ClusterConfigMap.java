package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.k8s.Applier;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster's ConfigMap: ceph.conf, which every pod mounts, and the monitor placement, which must
 * outlive any one call so monitors never move. Never a key: keys live in Secrets only.
 */
final class ClusterConfigMap {
  static final String CEPH_CONF = "ceph.conf";
  static final String MONS = "mons";

  private final KubernetesClient client;
  private final Applier applier;

  ClusterConfigMap(KubernetesClient client, Applier applier) {
    this.client = client;
    this.applier = applier;
  }

  /** The monitors placed so far; none before the first apply. */
  List<MonSlot> mons(ClusterNames names) {
    return Json.readList(client, names.namespace(), names.configMap(), MONS, MonSlot.class);
  }

  void apply(CephCluster cluster, ClusterNames names, String cephConf, List<MonSlot> mons) {
    Map<String, String> data = new LinkedHashMap<>();
    data.put(CEPH_CONF, cephConf);
    data.put(MONS, Json.write(mons));
    applier.apply(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(names.configMap())
            .withLabels(names.common())
            .endMetadata()
            .withData(data)
            .build(),
        cluster);
  }
}
