package io.strata.operator.k8s.managed;

import static io.strata.operator.k8s.managed.Fixtures.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strata.ceph.CephException;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephClusterSpec.DirectorySpec;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.Keyring;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** converge(): OSDs, mgr keys and modules, with monitors faked by {@link FakeCeph}. */
@EnableKubernetesMockClient(crud = true)
class ManagedClusterConvergeTest {
  KubernetesClient client;
  private final FakeCeph ceph = new FakeCeph();

  private ManagedCluster managed() {
    return new ManagedCluster(client, ManagedCluster.DEFAULT_CEPH_IMAGE);
  }

  private CephCluster appliedCluster(Consumer<CephClusterSpec> edit) {
    Fixtures.addNodes(client, 2);
    CephCluster cluster =
        Fixtures.cluster(spec -> {
          spec.mon.count = 1;
          edit.accept(spec);
        });
    managed().apply(cluster);
    return cluster;
  }

  private static Consumer<CephClusterSpec> directoriesOnAllNodes(String size) {
    return spec -> {
      spec.storage = new CephClusterSpec.StorageSpec();
      spec.storage.useAllNodes = true;
      DirectorySpec directory = new DirectorySpec();
      directory.path = "/var/lib/strata-osd";
      directory.size = size;
      spec.storage.directories.add(directory);
    };
  }

  @Test
  void registersOneOsdPerDirectoryAndNode() {
    CephCluster cluster = appliedCluster(directoriesOnAllNodes("2Gi"));

    List<String> ignored = managed().converge(cluster, ceph);

    assertEquals(List.of(), ignored);
    assertEquals(2, ceph.count("osd new"));
    List<Deployment> osds = Fixtures.deployments(client, "ceph-osd");
    assertEquals(
        List.of("c1-osd-0", "c1-osd-1"),
        osds.stream().map(d -> d.getMetadata().getName()).sorted().toList());
    Map<String, String> keys = keysSecret();
    for (Map.Entry<String, Integer> osd : ceph.osdIds.entrySet()) {
      Daemon daemon = Daemon.osd(osd.getValue());
      PodSpec pod = deployment("c1-osd-" + osd.getValue()).getSpec().getTemplate().getSpec();
      assertEquals(
          PodLayout.COMMANDS.osdMkfs(daemon, osd.getKey(), 2L << 30),
          pod.getInitContainers().get(0).getCommand());
      assertTrue(pod.getContainers().get(0).getSecurityContext().getPrivileged());
      assertEquals(
          "/var/lib/strata-osd/ceph/osd-" + osd.getValue(),
          pod.getVolumes().stream()
              .filter(v -> v.getHostPath() != null)
              .findFirst()
              .orElseThrow()
              .getHostPath()
              .getPath());
      assertEquals(
          ceph.keys.get(daemon.entity()),
          Keyring.parse(keys.get("osd." + osd.getValue() + ".keyring"))
              .keyOf(daemon.entity())
              .orElseThrow());
    }
    List<String> caps = capsOf("osd.0");
    assertEquals(
        List.of("mgr", "allow profile osd", "mon", "allow profile osd", "osd", "allow *"), caps);
  }

  @Test
  void convergingAgainRegistersNothingTwice() {
    CephCluster cluster = appliedCluster(directoriesOnAllNodes("2Gi"));
    managed().converge(cluster, ceph);
    String osds =
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName("c1-ceph-osds")
            .get()
            .getData()
            .get("osds");
    int commands = ceph.commands.size();

    managed().converge(cluster, ceph);

    assertEquals(2, ceph.count("osd new"));
    assertEquals(2, ceph.count("auth get-or-create"));
    assertEquals(
        osds,
        client
            .configMaps()
            .inNamespace(NAMESPACE)
            .withName("c1-ceph-osds")
            .get()
            .getData()
            .get("osds"));
    assertEquals(
        List.of("mgr module ls"), ceph.prefixes().subList(commands, ceph.prefixes().size()));
    assertEquals(2, Fixtures.deployments(client, "ceph-osd").size());
  }

  @Test
  void anOsdNewThatFailedIsRetriedWithTheSameUuid() {
    CephCluster cluster = appliedCluster(directoriesOnAllNodes("2Gi"));
    ceph.failOsdNew = 1;

    assertThrows(CephException.class, () -> managed().converge(cluster, ceph));
    managed().converge(cluster, ceph);

    assertEquals(2, ceph.osdIds.size(), "two OSDs, not three");
    List<String> uuids =
        ceph.commands.stream()
            .filter(c -> "osd new".equals(c.get("prefix")))
            .map(c -> (String) c.get("uuid"))
            .toList();
    assertEquals(uuids.get(0), uuids.get(1), "the failed uuid was asked again");
  }

  @Test
  void reportsTheFieldsItDoesNotActOn() {
    CephCluster cluster =
        appliedCluster(spec -> {
          spec.storage = new CephClusterSpec.StorageSpec();
          spec.storage.useAllDevices = true;
          spec.storage.deviceFilter = "^sd[b-d]";
          CephClusterSpec.NodeSpec known = new CephClusterSpec.NodeSpec();
          known.name = "node-1";
          known.devices.add(new CephClusterSpec.DeviceSpec());
          CephClusterSpec.NodeSpec unknown = new CephClusterSpec.NodeSpec();
          unknown.name = "node-9";
          spec.storage.nodes.addAll(List.of(known, unknown));
          CephClusterSpec.MgrModule balancer = new CephClusterSpec.MgrModule();
          balancer.name = "balancer";
          balancer.enabled = false;
          spec.mgr.modules.add(balancer);
        });

    List<String> ignored = managed().converge(cluster, ceph);

    assertEquals(
        List.of(
            "spec.storage.useAllDevices",
            "spec.storage.deviceFilter",
            "spec.storage.nodes[0].devices",
            "spec.storage.nodes[1].name",
            "spec.mgr.modules[0].enabled"),
        ignored);
    assertEquals(0, ceph.count("osd new"), "node-1 lists no directory and the spec none either");
  }

  @Test
  void mgrModulesAndTheDashboardFollowTheSpec() {
    CephCluster cluster =
        appliedCluster(spec -> {
          for (String name : List.of("pg_autoscaler", "prometheus")) {
            CephClusterSpec.MgrModule module = new CephClusterSpec.MgrModule();
            module.name = name;
            spec.mgr.modules.add(module);
          }
          CephClusterSpec.MgrModule restful = new CephClusterSpec.MgrModule();
          restful.name = "restful";
          restful.enabled = false;
          spec.mgr.modules.add(restful);
          spec.dashboard = new CephClusterSpec.DashboardSpec();
          spec.dashboard.enabled = true;
          spec.dashboard.port = 7000;
        });

    managed().converge(cluster, ceph);
    int settled = ceph.commands.size();
    managed().converge(cluster, ceph);

    assertEquals(
        Map.of("mgr/dashboard/ssl", "false", "mgr/dashboard/server_port", "7000"), ceph.mgrConfig);
    assertEquals(Set.of("iostat", "prometheus", "dashboard"), ceph.enabledModules);
    assertEquals(
        List.of("config dump", "mgr module ls"),
        ceph.prefixes().subList(settled, ceph.prefixes().size()),
        "nothing changes once settled");
    assertTrue(ceph.commands.stream().noneMatch(c -> "pg_autoscaler".equals(c.get("module"))));
  }

  @Test
  void aMgrAddedLaterGetsItsKeyFromTheMonitors() {
    appliedCluster(spec -> {});
    CephCluster more =
        Fixtures.cluster(spec -> {
          spec.mon.count = 1;
          spec.mgr.count = 2;
        });
    managed().apply(more);

    managed().converge(more, ceph);

    assertEquals(
        List.of("mgr.b"),
        ceph.commands.stream()
            .filter(c -> "auth get-or-create".equals(c.get("prefix")))
            .map(c -> (String) c.get("entity"))
            .toList());
    assertEquals(
        ceph.keys.get("mgr.b"),
        Keyring.parse(keysSecret().get("mgr.b.keyring")).keyOf("mgr.b").orElseThrow());
    assertEquals(
        List.of("c1-mgr-a", "c1-mgr-b"),
        Fixtures.deployments(client, "ceph-mgr").stream()
            .map(d -> d.getMetadata().getName())
            .sorted()
            .toList());
    assertNull(keysSecret().get("mgr.c.keyring"));
  }

  private List<String> capsOf(String entity) {
    return ceph.commands.stream()
        .filter(c -> "auth get-or-create".equals(c.get("prefix")) && entity.equals(c.get("entity")))
        .map(c -> ((List<?>) c.get("caps")).stream().map(Object::toString).toList())
        .findFirst()
        .orElseThrow();
  }

  private Deployment deployment(String name) {
    return client.apps().deployments().inNamespace(NAMESPACE).withName(name).get();
  }

  private Map<String, String> keysSecret() {
    Secret secret = client.secrets().inNamespace(NAMESPACE).withName("c1-ceph-keys").get();
    return secret.getData().entrySet().stream()
        .collect(
            Collectors.toMap(
                Map.Entry::getKey,
                e -> new String(Base64.getDecoder().decode(e.getValue()), StandardCharsets.UTF_8)));
  }
}
