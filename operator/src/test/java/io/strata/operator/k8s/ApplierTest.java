package io.strata.operator.k8s;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strata.operator.api.v1.CephCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** apply() against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ApplierTest {
  KubernetesClient client;

  private CephCluster owner() {
    CephCluster cluster = new CephCluster();
    cluster.getMetadata().setNamespace("rook");
    cluster.getMetadata().setName("c1");
    cluster.getMetadata().setUid("6f1e0a40-0001-4000-8000-000000000001");
    return cluster;
  }

  private static ConfigMap wanted(String name, String value) {
    return new ConfigMapBuilder()
        .withNewMetadata()
        .withName(name)
        .endMetadata()
        .addToData("k", value)
        .build();
  }

  @Test
  void whatItCreatesIsOwnedSoDeletingTheOwnerRemovesIt() {
    ConfigMap applied = new Applier(client).apply(wanted("made", "v"), owner());

    assertEquals("rook.c1", applied.getMetadata().getLabels().get(Applier.OWNER_LABEL));
    assertEquals(
        List.of("c1"),
        applied.getMetadata().getOwnerReferences().stream().map(r -> r.getName()).toList());
  }

  @Test
  void whatSomeoneElseMadeIsUpdatedButNeverAdopted() {
    client.resource(wanted("users", "theirs")).inNamespace("rook").create();

    new Applier(client).apply(wanted("users", "ours"), owner());

    ConfigMap after = client.configMaps().inNamespace("rook").withName("users").get();
    assertEquals("ours", after.getData().get("k"));
    assertFalse(
        after.getMetadata().getLabels() != null
            && after.getMetadata().getLabels().containsKey(Applier.OWNER_LABEL),
        "no owner label: clean-up by label skips it");
    assertFalse(
        after.getMetadata().getOwnerReferences() != null
            && !after.getMetadata().getOwnerReferences().isEmpty(),
        "no owner reference: the garbage collector keeps it");
  }

  /** kubectl apply -k deploy/ changes it back but leaves our annotation: it is updated again. */
  @Test
  void whatSomeoneElseChangedAfterUsIsUpdatedAgain() {
    client.resource(wanted("users", "theirs")).inNamespace("rook").create();
    Applier applier = new Applier(client);
    applier.apply(wanted("users", "ours"), owner());
    client
        .configMaps()
        .inNamespace("rook")
        .withName("users")
        .edit(cm -> {
          cm.getData().put("k", "theirs again");
          return cm;
        });

    applier.apply(wanted("users", "ours"), owner());

    assertEquals(
        "ours", client.configMaps().inNamespace("rook").withName("users").get().getData().get("k"));
  }
}
