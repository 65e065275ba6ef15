package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.k8s.Applier;
import java.util.List;
import java.util.Map;

/**
 * The OSDs registered with the monitors, in the cluster's OSD ConfigMap: the memory that keeps an
 * OSD from being registered twice. Written by {@link OsdRegistrar} only.
 */
final class OsdRecords {
  static final String OSDS = "osds";

  private final KubernetesClient client;
  private final Applier applier;

  OsdRecords(KubernetesClient client, Applier applier) {
    this.client = client;
    this.applier = applier;
  }

  List<OsdRecord> read(ClusterNames names) {
    return Json.readList(client, names.namespace(), names.osdsConfigMap(), OSDS, OsdRecord.class);
  }

  void write(CephCluster cluster, ClusterNames names, List<OsdRecord> records) {
    applier.apply(
        new ConfigMapBuilder()
            .withNewMetadata()
            .withName(names.osdsConfigMap())
            .withLabels(names.common())
            .endMetadata()
            .withData(Map.of(OSDS, Json.write(records)))
            .build(),
        cluster);
  }
}
