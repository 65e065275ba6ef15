package io.strata.test;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.javaoperatorsdk.operator.Operator;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephConnections;
import io.strata.ceph.ConnectionSpec;
import io.strata.ceph.Filesystems;
import io.strata.ceph.Pools;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephBlockPoolSpec;
import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec;
import io.strata.operator.api.v1.NamedPoolSpec;
import io.strata.operator.api.v1.PoolSpec;
import io.strata.operator.api.v1.ResourceStatus;
import io.strata.operator.api.v1.StorageClassSpec;
import io.strata.operator.k8s.Applier;
import io.strata.operator.k8s.CephBlockPoolReconciler;
import io.strata.operator.k8s.CephClusterReconciler;
import io.strata.operator.k8s.CephFilesystemReconciler;
import io.strata.operator.k8s.ClusterRegistry;
import io.strata.operator.k8s.EventRecorder;
import io.strata.operator.k8s.StorageClasses;
import io.strata.operator.k8s.driver.DriverInstaller;
import io.strata.operator.k8s.managed.ManagedCluster;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator's reconcilers, run by the Java Operator SDK against fabric8's mock API server (CRUD
 * mode) and the real local Ceph in external mode: a CephCluster installs the driver with real cephx
 * users, a CephBlockPool and a CephFilesystem make real pools and a filesystem, and deleting each
 * removes what it made, in Kubernetes and in Ceph.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
@EnableKubernetesMockClient(crud = true)
class OperatorIT {
  private static final String NAMESPACE = "strata-it";
  private static final Duration RECONCILED = Duration.ofSeconds(60);
  private static final String USER_SECRET = "strata-cephfs-secret";
  private static final String STALE_SECRET = "strata-rbd-node-secret";

  static KubernetesClient client;
  private static Operator operator;
  private static CephConnections connections;

  private final LocalStackExtension.Stack stack;
  private final CephConnection admin;

  OperatorIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.admin = stack.adminConnection();
  }

  @BeforeAll
  static void startOperator() {
    connections = new CephConnections();
    ClusterRegistry clusters = new ClusterRegistry();
    EventRecorder events = new EventRecorder(client);
    StorageClasses storageClasses = new StorageClasses(client);
    ManagedCluster managed = new ManagedCluster(client, ManagedCluster.DEFAULT_CEPH_IMAGE);
    // the mock API server knows no server-side apply, the SDK's default way to patch
    operator =
        new Operator(o -> o.withKubernetesClient(client).withUseSSAToPatchPrimaryResource(false));
    operator.register(
        new CephClusterReconciler(
            client,
            clusters,
            connections,
            managed,
            new DriverInstaller(client, "strata:it"),
            events));
    operator.register(new CephBlockPoolReconciler(clusters, connections, storageClasses, events));
    operator.register(
        new CephFilesystemReconciler(
            client, clusters, connections, managed, storageClasses, events));
    operator.start();
  }

  @AfterAll
  static void stopOperator() {
    operator.stop();
    connections.close();
  }

  @Test
  void externalClusterPoolAndFilesystemReconcileAndCleanUp() {
    // made as docs/deploy.md says, before the operator: it must keep working, untouched
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(USER_SECRET)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(base64(stack.adminSecrets()))
                .build())
        .create();
    // one with a key this cluster does not know is refused, with what to do, until it is fixed
    Map<String, String> stale = new java.util.HashMap<>(stack.adminSecrets());
    stale.put("userKey", "AQBbogusbogusbogusbogusbogusbogusbogus==");
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName(STALE_SECRET)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withData(base64(stale))
                .build())
        .create();
    CephCluster cluster = applyExternalCluster();
    CephCluster refusedSecret =
        awaitPhase(
            CephCluster.class, cluster.getMetadata().getName(), "Failure", "holds no valid key");
    assertFalse(refusedSecret.getStatus().message.contains("bogus"), "no key in status: a secret");
    client.secrets().inNamespace(NAMESPACE).withName(STALE_SECRET).delete();
    CephCluster ready = awaitPhase(CephCluster.class, cluster.getMetadata().getName(), "Ready");
    assertEquals(admin.fsid(), ready.getStatus().ceph.fsid);
    assertEquals("admin", secretData(USER_SECRET).get("userID"), "the user's Secret is kept");
    assertTrue(
        ready.getStatus().ignoredFields.contains("spec.storage"),
        ready.getStatus().ignoredFields::toString);
    assertDriverInstalled();

    CephBlockPool pool = client.resource(blockPool("strata-it-pool")).create();
    CephBlockPool readyPool = awaitPhase(CephBlockPool.class, "strata-it-pool", "Ready");
    Pools pools = new Pools(admin);
    assertEquals(1, pools.state("strata-it-pool").orElseThrow().size());
    assertEquals("aggressive", pools.state("strata-it-pool").orElseThrow().compressionMode());
    assertNotNull(readyPool.getStatus().available, "AVAIL column");
    StorageClass rbdClass =
        client.storage().v1().storageClasses().withName("strata-it-strata-it-pool").get();
    assertEquals(admin.fsid(), rbdClass.getParameters().get("clusterID"));
    assertEquals("strata-it-pool", rbdClass.getParameters().get("pool"));

    // the docs' old example: replicas over "root", which CRUSH can never place
    CephBlockPool overRoot = blockPool("strata-it-root");
    overRoot.getSpec().failureDomain = "root";
    overRoot.getSpec().storageClass = null;
    client.resource(overRoot).create();
    CephBlockPool refused = awaitPhase(CephBlockPool.class, "strata-it-root", "Failure");
    assertTrue(
        refused.getStatus().message.contains("failure domain root: the CRUSH root default holds 0"),
        refused.getStatus().message);
    assertFalse(pools.state("strata-it-root").isPresent(), "nothing made");
    client.resource(overRoot).delete();
    awaitGone(CephBlockPool.class, "strata-it-root");

    // a pool made while no OSD is up: its PGs cannot activate, and a write to it would hang
    CephBlockPool early = blockPool("strata-it-early");
    early.getSpec().storageClass = null;
    stack.stopDaemon("osd.0");
    try {
      client.resource(early).create();
      CephBlockPool inactive =
          awaitPhase(CephBlockPool.class, "strata-it-early", "Progressing", "placement groups");
      assertEquals(
          "PlacementGroupsInactive",
          inactive.getStatus().conditions.stream()
              .filter(c -> c.getType().equals("Ready"))
              .findFirst()
              .orElseThrow()
              .getReason());
    } finally {
      stack.restartStopped();
    }
    awaitPhase(CephBlockPool.class, "strata-it-early", "Ready");
    client.resource(early).delete();
    awaitGone(CephBlockPool.class, "strata-it-early");

    CephFilesystem fs = client.resource(filesystem("strata-it-fs")).create();
    // the local cluster's one MDS serves its own filesystem: this one waits for an MDS
    awaitPhase(CephFilesystem.class, "strata-it-fs", "Progressing", "active MDS");
    assertTrue(new Filesystems(admin).byName("strata-it-fs").isPresent());
    assertTrue(pools.state("strata-it-fs-metadata").isPresent());
    assertTrue(pools.state("strata-it-fs-data0").isPresent());

    client.resource(fs).delete();
    awaitGone(CephFilesystem.class, "strata-it-fs");
    assertFalse(new Filesystems(admin).byName("strata-it-fs").isPresent());
    assertFalse(pools.state("strata-it-fs-metadata").isPresent(), "pools not preserved");

    // the cluster goes last: the pool needs it to remove its Ceph pool
    client.resource(cluster).delete();
    CephCluster blocked =
        awaitPhase(
            CephCluster.class,
            cluster.getMetadata().getName(),
            "Deleting",
            "deletion waits for CephBlockPool/strata-it-pool");
    assertEquals(
        "ObjectHasDependents",
        blocked.getStatus().conditions.stream()
            .filter(c -> c.getType().equals("DeletionIsBlocked"))
            .findFirst()
            .orElseThrow()
            .getReason());
    assertFalse(client.storage().v1().csiDrivers().list().getItems().isEmpty(), "driver kept");

    client.resource(pool).delete();
    awaitGone(CephBlockPool.class, "strata-it-pool");
    assertFalse(pools.state("strata-it-pool").isPresent());
    assertTrue(
        client.storage().v1().storageClasses().withName("strata-it-strata-it-pool").get() == null);

    await()
        .atMost(RECONCILED)
        .until(() -> gone(CephCluster.class, cluster.getMetadata().getName()));
    assertTrue(client.storage().v1().csiDrivers().list().getItems().isEmpty());
    assertAuthenticates(secretData(USER_SECRET)); // its cephx user outlives the CephCluster
    assertTrue(
        admin.monCommand(Map.of("prefix", "auth ls")).output().contains("strata-rbd-provisioner")
            == false);
  }

  private CephCluster applyExternalCluster() {
    client
        .resource(
            new SecretBuilder()
                .withNewMetadata()
                .withName("ceph-admin")
                .withNamespace(NAMESPACE)
                .endMetadata()
                // data, not stringData: the mock API server does not convert like a real one
                .withData(base64(stack.adminSecrets()))
                .build())
        .create();
    CephCluster cluster = new CephCluster();
    cluster.getMetadata().setName("external");
    cluster.getMetadata().setNamespace(NAMESPACE);
    CephClusterSpec spec = new CephClusterSpec();
    spec.external = new CephClusterSpec.ExternalSpec();
    spec.external.enable = true;
    spec.external.monitors = stack.cluster().adminConnection().monitors();
    spec.external.adminSecretName = "ceph-admin";
    spec.storage = new CephClusterSpec.StorageSpec(); // accepted, reported as not acted on
    cluster.setSpec(spec);
    return client.resource(cluster).create();
  }

  private static Map<String, String> base64(Map<String, String> plain) {
    Map<String, String> encoded = new java.util.HashMap<>();
    plain.forEach((k, v) ->
        encoded.put(
            k,
            java.util.Base64.getEncoder()
                .encodeToString(v.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    return encoded;
  }

  private void assertDriverInstalled() {
    for (String secret :
        List.of(
            "strata-rbd-secret",
            "strata-rbd-node-secret",
            "strata-cephfs-secret",
            "strata-cephfs-node-secret")) {
      // the key stored really authenticates as that user
      assertAuthenticates(secretData(secret));
    }
    ConfigMap config = client.configMaps().inNamespace(NAMESPACE).withName("strata-config").get();
    assertTrue(config.getData().get("config.json").contains(admin.fsid()));
    Deployment controller =
        client.apps().deployments().inNamespace(NAMESPACE).withName("strata-rbd-controller").get();
    assertEquals(
        "strata:it",
        controller.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
    // a new cluster config (a CephCluster made again: a new fsid) rolls the plugins
    assertEquals(
        Applier.sha256(config.getData().get("config.json")),
        controller
            .getSpec()
            .getTemplate()
            .getMetadata()
            .getAnnotations()
            .get(DriverInstaller.CONFIG_HASH_ANNOTATION));
    assertEquals(2, client.storage().v1().csiDrivers().list().getItems().size());
  }

  private Map<String, String> secretData(String name) {
    var secret = client.secrets().inNamespace(NAMESPACE).withName(name).get();
    assertNotNull(secret, name);
    Map<String, String> plain = new java.util.HashMap<>();
    secret
        .getData()
        .forEach((k, v) ->
            plain.put(
                k,
                new String(
                    java.util.Base64.getDecoder().decode(v),
                    java.nio.charset.StandardCharsets.UTF_8)));
    return plain;
  }

  private void assertAuthenticates(Map<String, String> secret) {
    try (CephConnection asUser =
        CephConnection.open(
            new ConnectionSpec(
                stack.cluster().adminConnection().monitors(),
                secret.get("userID"),
                secret.get("userKey")))) {
      assertEquals(admin.fsid(), asUser.fsid());
    }
  }

  private static CephBlockPool blockPool(String name) {
    CephBlockPool pool = new CephBlockPool();
    pool.getMetadata().setName(name);
    pool.getMetadata().setNamespace(NAMESPACE);
    CephBlockPoolSpec spec = new CephBlockPoolSpec();
    spec.failureDomain = "osd";
    spec.replicated.size = 1;
    spec.replicated.requireSafeReplicaSize = false;
    spec.compressionMode = "aggressive";
    spec.deletePoolOnRemoval = true;
    spec.storageClass = new StorageClassSpec();
    spec.storageClass.enabled = true;
    pool.setSpec(spec);
    return pool;
  }

  private static CephFilesystem filesystem(String name) {
    CephFilesystem fs = new CephFilesystem();
    fs.getMetadata().setName(name);
    fs.getMetadata().setNamespace(NAMESPACE);
    CephFilesystemSpec spec = new CephFilesystemSpec();
    spec.metadataPool = singleCopy(new PoolSpec());
    spec.dataPools = List.of(singleCopy(new NamedPoolSpec()));
    spec.preservePoolsOnDelete = false;
    fs.setSpec(spec);
    return fs;
  }

  private static <T extends PoolSpec> T singleCopy(T pool) {
    pool.failureDomain = "osd";
    pool.replicated.size = 1;
    pool.replicated.requireSafeReplicaSize = false;
    return pool;
  }

  private static <
          T extends io.fabric8.kubernetes.client.CustomResource<?, ? extends ResourceStatus>>
      T awaitPhase(Class<T> type, String name, String phase) {
    return awaitPhase(type, name, phase, "");
  }

  /** Waits for the phase with a status message that contains {@code message}. */
  private static <
          T extends io.fabric8.kubernetes.client.CustomResource<?, ? extends ResourceStatus>>
      T awaitPhase(Class<T> type, String name, String phase, String message) {
    return await()
        .atMost(RECONCILED)
        .until(
            () -> client.resources(type).inNamespace(NAMESPACE).withName(name).get(),
            r ->
                r != null
                    && r.getStatus() != null
                    && phase.equals(r.getStatus().phase)
                    && String.valueOf(r.getStatus().message).contains(message));
  }

  /** What the operator said about it: Events, for a failure message. */
  private static String events() {
    return client.v1().events().inNamespace(NAMESPACE).list().getItems().stream()
        .map(e -> e.getInvolvedObject().getName() + " " + e.getReason() + ": " + e.getMessage())
        .toList()
        .toString();
  }

  private static void awaitGone(
      Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type, String name) {
    try {
      await().atMost(RECONCILED).until(() -> gone(type, name));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError(
          type.getSimpleName() + " " + name + " not deleted; events " + events(), e);
    }
  }

  private static boolean gone(
      Class<? extends io.fabric8.kubernetes.client.CustomResource<?, ?>> type, String name) {
    return client.resources(type).inNamespace(NAMESPACE).withName(name).get() == null;
  }
}
