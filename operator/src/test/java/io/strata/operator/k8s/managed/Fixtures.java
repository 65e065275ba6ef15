package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec;
import java.util.List;
import java.util.function.Consumer;

/** Objects the managed-runtime tests start from. */
final class Fixtures {
  static final String NAMESPACE = "ceph";
  static final String CLUSTER = "c1";

  private Fixtures() {}

  static CephCluster cluster(Consumer<CephClusterSpec> edit) {
    CephCluster cluster = new CephCluster();
    cluster.setMetadata(
        new ObjectMetaBuilder()
            .withName(CLUSTER)
            .withNamespace(NAMESPACE)
            .withUid("uid-of-c1")
            .build());
    CephClusterSpec spec = new CephClusterSpec();
    spec.dataDirHostPath = "/var/lib/strata";
    edit.accept(spec);
    cluster.setSpec(spec);
    return cluster;
  }

  static CephFilesystem filesystem(String name, Consumer<CephFilesystemSpec> edit) {
    CephFilesystem fs = new CephFilesystem();
    fs.setMetadata(
        new ObjectMetaBuilder()
            .withName(name)
            .withNamespace(NAMESPACE)
            .withUid("uid-of-" + name)
            .build());
    CephFilesystemSpec spec = new CephFilesystemSpec();
    edit.accept(spec);
    fs.setSpec(spec);
    return fs;
  }

  /** A Ready node with an InternalIP, whose hostname label differs from its name. */
  static Node node(String name, String ip) {
    return new NodeBuilder()
        .withNewMetadata()
        .withName(name)
        .addToLabels("kubernetes.io/hostname", "host-" + name)
        .endMetadata()
        .withNewStatus()
        .addNewAddress()
        .withType("InternalIP")
        .withAddress(ip)
        .endAddress()
        .addNewCondition()
        .withType("Ready")
        .withStatus("True")
        .endCondition()
        .endStatus()
        .build();
  }

  static void addNodes(KubernetesClient client, int count) {
    for (int i = 1; i <= count; i++) {
      client.resource(node("node-" + i, "10.0.0." + i)).create();
    }
  }

  static List<Deployment> deployments(KubernetesClient client, String app) {
    return client
        .apps()
        .deployments()
        .inNamespace(NAMESPACE)
        .withLabel(ClusterNames.APP_LABEL, app)
        .list()
        .getItems();
  }
}
