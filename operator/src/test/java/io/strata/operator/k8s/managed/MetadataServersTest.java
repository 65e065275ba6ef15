package io.strata.operator.k8s.managed;

import static io.strata.operator.k8s.managed.Fixtures.NAMESPACE;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec.MetadataServerSpec;
import io.strata.operator.bootstrap.Daemon;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** applyMds(): metadata servers of a filesystem, with monitors faked by {@link FakeCeph}. */
@EnableKubernetesMockClient(crud = true)
class MetadataServersTest {
  KubernetesClient client;
  private final FakeCeph ceph = new FakeCeph();
  private final CephCluster cluster = Fixtures.cluster(spec -> spec.mon.count = 1);

  private ManagedCluster managed() {
    return new ManagedCluster(client, ManagedCluster.DEFAULT_CEPH_IMAGE);
  }

  @Test
  void countsFollowActiveCountAndStandby() {
    assertEquals(List.of("mds.myfs-a", "mds.myfs-b"), names(1, true));
    assertEquals(List.of("mds.myfs-a", "mds.myfs-b", "mds.myfs-c", "mds.myfs-d"), names(2, true));
    assertEquals(List.of("mds.myfs-a"), names(1, false));
    assertThrows(IllegalArgumentException.class, () -> names(0, true));
  }

  @Test
  void oneDeploymentPerServerWithKeysInTheFilesystemsSecret() {
    CephFilesystem fs = Fixtures.filesystem("myfs", spec -> {});
    ceph.mdsmaps.put("myfs", Json.MAPPER.createObjectNode().put("max_mds", 1).put("flags", 18));

    managed().applyMds(fs, cluster, ceph);

    List<Deployment> mds = Fixtures.deployments(client, "ceph-mds");
    assertEquals(
        List.of("c1-mds-myfs-a", "c1-mds-myfs-b"),
        mds.stream().map(d -> d.getMetadata().getName()).sorted().toList());
    for (Deployment deployment : mds) {
      assertEquals("uid-of-myfs", deployment.getMetadata().getOwnerReferences().get(0).getUid());
      assertEquals("myfs", deployment.getMetadata().getLabels().get("strata.io/filesystem"));
      PodSpec pod = deployment.getSpec().getTemplate().getSpec();
      assertEquals(
          "c1-mds-myfs-keys",
          pod.getVolumes().stream()
              .filter(v -> v.getSecret() != null)
              .findFirst()
              .orElseThrow()
              .getSecret()
              .getSecretName());
    }
    Secret secret = client.secrets().inNamespace(NAMESPACE).withName("c1-mds-myfs-keys").get();
    assertEquals("CephFilesystem", secret.getMetadata().getOwnerReferences().get(0).getKind());
    assertEquals(Set.of("mds.myfs-a.keyring", "mds.myfs-b.keyring"), secret.getData().keySet());
    Map<String, ?> auth =
        ceph.commands.stream()
            .filter(c -> "auth get-or-create".equals(c.get("prefix")))
            .findFirst()
            .orElseThrow();
    assertEquals("mds.myfs-a", auth.get("entity"));
    assertEquals(
        List.of(
            "mds",
            "allow",
            "mgr",
            "allow profile mds",
            "mon",
            "allow profile mds",
            "osd",
            "allow *"),
        auth.get("caps"));
    assertTrue(
        ceph.commands.contains(
            Map.of(
                "prefix",
                "fs set",
                "fs_name",
                "myfs",
                "var",
                "allow_standby_replay",
                "val",
                "true")));
  }

  @Test
  void applyingAgainAsksForNoKeyAndFewerServersRemoveTheRest() {
    managed()
        .applyMds(
            Fixtures.filesystem("myfs", spec -> spec.metadataServer.activeCount = 2),
            cluster,
            ceph);
    long asked = ceph.count("auth get-or-create");

    managed().applyMds(Fixtures.filesystem("myfs", spec -> {}), cluster, ceph);

    assertEquals(4, asked);
    assertEquals(4, ceph.count("auth get-or-create"));
    assertEquals(2, Fixtures.deployments(client, "ceph-mds").size());
    assertEquals(0, ceph.count("fs set"), "the filesystem does not exist yet: settings wait");
  }

  private static List<String> names(int active, boolean standby) {
    MetadataServerSpec spec = new MetadataServerSpec();
    spec.activeCount = active;
    spec.activeStandby = standby;
    return MetadataServers.daemons("myfs", spec).stream().map(Daemon::name).toList();
  }
}
