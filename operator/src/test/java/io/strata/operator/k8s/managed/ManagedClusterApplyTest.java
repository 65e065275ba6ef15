package io.strata.operator.k8s.managed;

import static io.strata.operator.k8s.managed.Fixtures.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strata.ceph.CephRelease;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.Keyring;
import io.strata.operator.bootstrap.MonAddress;
import io.strata.operator.k8s.CephEndpoint;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** apply() against fabric8's mock API server in CRUD mode. */
@EnableKubernetesMockClient(crud = true)
class ManagedClusterApplyTest {
  private static final String KEYS = "c1-ceph-keys";

  KubernetesClient client;

  private ManagedCluster managed() {
    return new ManagedCluster(client, ManagedCluster.DEFAULT_CEPH_IMAGE);
  }

  @Test
  void threeNodesGetThreeMonitorsOnDistinctNodes() {
    Fixtures.addNodes(client, 3);

    CephEndpoint endpoint = managed().apply(Fixtures.cluster(spec -> {}));

    assertEquals(List.of("10.0.0.1:6789", "10.0.0.2:6789", "10.0.0.3:6789"), endpoint.monitors());
    assertEquals("admin", endpoint.user());
    List<Deployment> mons = Fixtures.deployments(client, "ceph-mon");
    assertEquals(3, mons.size());
    Set<String> hosts =
        mons.stream()
            .map(d ->
                d.getSpec().getTemplate().getSpec().getNodeSelector().get("kubernetes.io/hostname"))
            .collect(Collectors.toSet());
    assertEquals(Set.of("host-node-1", "host-node-2", "host-node-3"), hosts);
    for (Deployment mon : mons) {
      PodSpec pod = mon.getSpec().getTemplate().getSpec();
      assertTrue(pod.getHostNetwork());
      assertEquals("Recreate", mon.getSpec().getStrategy().getType());
      assertEquals(
          MonPlacement.V2_PORT,
          pod.getContainers().get(0).getLivenessProbe().getTcpSocket().getPort().getIntVal());
      assertEquals("ceph-mon", mon.getMetadata().getLabels().get("app.kubernetes.io/name"));
      assertEquals("c1", mon.getMetadata().getLabels().get("strata.io/cluster"));
      assertEquals(ManagedCluster.DEFAULT_CEPH_IMAGE, pod.getContainers().get(0).getImage());
    }
    assertEquals(1, Fixtures.deployments(client, "ceph-mgr").size());
  }

  @Test
  void tooFewNodesIsAClearErrorAndMakesNothing() {
    Fixtures.addNodes(client, 1);

    IllegalStateException failure =
        assertThrows(
            IllegalStateException.class, () -> managed().apply(Fixtures.cluster(spec -> {})));

    assertTrue(
        failure.getMessage().startsWith("spec.mon.count is 3 but 1 more nodes"),
        failure.getMessage());
    assertTrue(
        failure.getMessage().contains("spec.mon.allowMultiplePerNode"), failure.getMessage());
    assertTrue(client.secrets().inNamespace(NAMESPACE).list().getItems().isEmpty());
    assertTrue(client.apps().deployments().inNamespace(NAMESPACE).list().getItems().isEmpty());
  }

  @Test
  void severalMonitorsOnOneNodeGetPortsOfTheirOwn() {
    Fixtures.addNodes(client, 1);

    CephEndpoint endpoint =
        managed().apply(Fixtures.cluster(spec -> spec.mon.allowMultiplePerNode = true));

    assertEquals(List.of("10.0.0.1:6789", "10.0.0.1:6790", "10.0.0.1:6791"), endpoint.monitors());
    String conf = configMap().getData().get("ceph.conf");
    assertTrue(
        conf.contains(
            "mon host = [v2:10.0.0.1:3300,v1:10.0.0.1:6789],[v2:10.0.0.1:3301,v1:10.0.0.1:6790],"
                + "[v2:10.0.0.1:3302,v1:10.0.0.1:6791]\n"),
        conf);
    assertEquals(3, Fixtures.deployments(client, "ceph-mon").size());
  }

  @Test
  void applyingTwiceKeepsKeysPlacementAndObjects() {
    Fixtures.addNodes(client, 3);
    CephCluster cluster = Fixtures.cluster(spec -> {});
    CephEndpoint first = managed().apply(cluster);
    Map<String, String> keys = secret(KEYS).getData();
    String mons = configMap().getData().get("mons");
    client
        .resource(Fixtures.node("node-0", "10.0.0.9"))
        .create(); // sorts first: must not attract a monitor

    CephEndpoint second = managed().apply(cluster);

    assertEquals(first.monitors(), second.monitors());
    assertEquals(first.key(), second.key());
    assertEquals(keys, secret(KEYS).getData());
    assertEquals(mons, configMap().getData().get("mons"));
    assertEquals(1, client.secrets().inNamespace(NAMESPACE).list().getItems().size());
    assertEquals(1, client.configMaps().inNamespace(NAMESPACE).list().getItems().size());
    assertEquals(4, client.apps().deployments().inNamespace(NAMESPACE).list().getItems().size());
  }

  @Test
  void everyObjectIsOwnedByTheCluster() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> {}));

    List<HasMetadata> objects = new ArrayList<>();
    objects.addAll(client.secrets().inNamespace(NAMESPACE).list().getItems());
    objects.addAll(client.configMaps().inNamespace(NAMESPACE).list().getItems());
    objects.addAll(client.apps().deployments().inNamespace(NAMESPACE).list().getItems());
    assertEquals(6, objects.size());
    for (HasMetadata object : objects) {
      List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
      assertEquals(1, owners.size(), object.getMetadata().getName());
      assertEquals("uid-of-c1", owners.get(0).getUid());
      assertEquals("CephCluster", owners.get(0).getKind());
      assertEquals("ceph.strata.io/v1", owners.get(0).getApiVersion());
      assertTrue(owners.get(0).getController());
    }
  }

  @Test
  void initContainersRunTheBootstrapCommands() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> {}));
    String fsid = decoded(secret(KEYS)).get("fsid");

    PodSpec pod = deployment("c1-mon-b").getSpec().getTemplate().getSpec();

    List<Container> inits = pod.getInitContainers();
    assertEquals(List.of("monmap", "mkfs"), inits.stream().map(Container::getName).toList());
    Map<Daemon, MonAddress> all = new LinkedHashMap<>();
    all.put(Daemon.mon("a"), new MonAddress("10.0.0.1", 3300, 6789));
    all.put(Daemon.mon("b"), new MonAddress("10.0.0.2", 3300, 6789));
    all.put(Daemon.mon("c"), new MonAddress("10.0.0.3", 3300, 6789));
    assertEquals(
        // the default image's release, 20.2.4: the monmap allows aes clients beside aes256k
        PodLayout.COMMANDS.monmapCreate(fsid, all, new CephRelease(20, 2, 4)),
        inits.get(0).getCommand());
    assertEquals(PodLayout.COMMANDS.monMkfs(Daemon.mon("b")), inits.get(1).getCommand());
    assertEquals(PodLayout.COMMANDS.run(Daemon.mon("b")), pod.getContainers().get(0).getCommand());
    assertEquals(
        "/var/lib/strata/ceph/mon-b",
        pod.getVolumes().stream()
            .filter(v -> v.getHostPath() != null)
            .findFirst()
            .orElseThrow()
            .getHostPath()
            .getPath());
  }

  @Test
  void onlyTheMkfsStepSeesTheMonitorKeyring() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> {}));

    PodSpec pod = deployment("c1-mon-a").getSpec().getTemplate().getSpec();

    var keys =
        pod.getVolumes().stream().filter(v -> v.getSecret() != null).findFirst().orElseThrow();
    assertEquals("c1-ceph-keys", keys.getSecret().getSecretName());
    assertEquals(
        List.of("mon.keyring"), keys.getSecret().getItems().stream().map(i -> i.getKey()).toList());
    assertTrue(mounts(pod.getInitContainers().get(1)).contains("/etc/strata/keyring"));
    assertFalse(mounts(pod.getContainers().get(0)).contains("/etc/strata/keyring"));
    assertNull(pod.getContainers().get(0).getSecurityContext(), "monitors are not privileged");
  }

  @Test
  void noKeyIsInAnyConfigMap() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> {}));
    List<String> keys = new ArrayList<>();
    decoded(secret(KEYS))
        .forEach((entry, text) -> {
          if (!entry.equals("fsid")) {
            Keyring.parse(text).entries().forEach(e -> keys.add(e.key()));
          }
        });
    assertTrue(keys.size() >= 3, "mon., client.admin, mgr.a");

    for (ConfigMap map : client.configMaps().inNamespace(NAMESPACE).list().getItems()) {
      for (String value : map.getData().values()) {
        keys.forEach(key -> assertFalse(value.contains(key), map.getMetadata().getName()));
      }
    }
  }

  @Test
  void theConfigSuitsPods() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> {}));

    String conf = configMap().getData().get("ceph.conf");

    assertTrue(conf.contains("keyring = /etc/strata/keyring/$name.keyring"), conf);
    assertTrue(conf.contains("keyring = /etc/strata/keyring/client.admin.keyring"), conf);
    assertTrue(conf.contains("log to stderr = true"), conf);
    assertFalse(conf.contains("mgr disabled modules"), "spec.mgr.modules must be able to load any");
    assertFalse(conf.contains("public network"), "Ceph picks the network of the node");
    assertTrue(conf.contains("osd pool default size = 1"), "no OSD host in the spec: one copy");
  }

  @Test
  void fewerMgrsRemovesTheExtraOnes() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> spec.mgr.count = 2));
    assertEquals(2, Fixtures.deployments(client, "ceph-mgr").size());

    managed().apply(Fixtures.cluster(spec -> spec.mgr.count = 1));

    List<Deployment> mgrs = Fixtures.deployments(client, "ceph-mgr");
    assertEquals(List.of("c1-mgr-a"), mgrs.stream().map(d -> d.getMetadata().getName()).toList());
    assertNotNull(decoded(secret(KEYS)).get("mgr.b.keyring"), "keys are kept");
  }

  @Test
  void theSpecImageWins() {
    Fixtures.addNodes(client, 3);
    managed()
        .apply(
            Fixtures.cluster(spec -> {
              spec.cephVersion = new CephClusterSpec.CephVersion();
              spec.cephVersion.image = "quay.io/ceph/ceph:v17.2.7";
            }));

    assertEquals(
        "quay.io/ceph/ceph:v17.2.7",
        deployment("c1-mgr-a").getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
  }

  @Test
  void anImageWithoutAVersionTagIsRefusedBeforeAnythingIsMade() {
    Fixtures.addNodes(client, 3);
    IllegalArgumentException refused =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                managed()
                    .apply(
                        Fixtures.cluster(spec -> {
                          spec.cephVersion = new CephClusterSpec.CephVersion();
                          spec.cephVersion.image = "quay.io/ceph/ceph:latest";
                        })));
    assertTrue(refused.getMessage().contains("has no version tag"), refused.getMessage());
    assertEquals(List.of(), client.apps().deployments().inNamespace(NAMESPACE).list().getItems());
    assertNull(client.secrets().inNamespace(NAMESPACE).withName(KEYS).get(), "no keys were made");
  }

  @Test
  void anUnchangedObjectIsNotWrittenAgainAndAChangedOneIs() {
    Fixtures.addNodes(client, 3);
    managed().apply(Fixtures.cluster(spec -> {}));
    String written = deployment("c1-mgr-a").getMetadata().getResourceVersion();

    managed().apply(Fixtures.cluster(spec -> {}));
    assertEquals(written, deployment("c1-mgr-a").getMetadata().getResourceVersion());

    managed()
        .apply(
            Fixtures.cluster(spec -> {
              spec.cephVersion = new CephClusterSpec.CephVersion();
              spec.cephVersion.image = "quay.io/ceph/ceph:v16.2.14";
            }));
    Deployment changed = deployment("c1-mgr-a");
    assertEquals(
        "quay.io/ceph/ceph:v16.2.14",
        changed.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    assertEquals(1, changed.getMetadata().getOwnerReferences().size());
  }

  @Test
  void anExternalClusterIsRefused() {
    CephCluster external =
        Fixtures.cluster(spec -> {
          spec.external = new CephClusterSpec.ExternalSpec();
          spec.external.enable = true;
        });

    assertThrows(IllegalArgumentException.class, () -> managed().apply(external));
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private ConfigMap configMap() {
    return client.configMaps().inNamespace(NAMESPACE).withName("c1-ceph-config").get();
  }

  private Secret secret(String name) {
    return client.secrets().inNamespace(NAMESPACE).withName(name).get();
  }

  private static Map<String, String> decoded(Secret secret) {
    Map<String, String> values = new LinkedHashMap<>();
    secret.getData().forEach((k, v) -> values.put(k, new String(Base64.getDecoder().decode(v))));
    return values;
  }

  private static List<String> mounts(Container container) {
    return container.getVolumeMounts().stream().map(m -> m.getMountPath()).toList();
  }
}
