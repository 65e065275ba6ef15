package io.strata.test.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A pod writing through an RBD and a CephFS volume (on a node without the kernel clients: rbd-fuse
 * and ceph-fuse) across `kubectl delete pod` of both node plugins and across a `kubectl rollout
 * restart` of their DaemonSets: not one write may fail, and writes go on during each restart.
 */
@Tag("e2e")
@ExtendWith(E2eCluster.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NodeRestartE2E {
  private static final String NAMESPACE = "strata";
  private static final List<String> NODE_PLUGINS = List.of("strata-rbd-node", "strata-cephfs-node");
  private static final int PROGRESS = 5; // MiB per volume that must land after each step

  private final KubernetesClient client;
  private final E2eSettings settings;
  private final KubeVolumes kube;

  NodeRestartE2E(KubernetesClient client, E2eSettings settings) {
    this.client = client;
    this.settings = settings;
    this.kube =
        new KubeVolumes(
            client, settings, "strata-e2e-restart-" + UUID.randomUUID().toString().substring(0, 8));
  }

  @Test
  void aWriterSeesNoErrorAcrossNodePluginRestarts() {
    kube.createNamespace();
    kube.bind(Claim.filesystem("rbd", settings.rbdStorageClass(), "1Gi", false));
    kube.bind(Claim.filesystem("cephfs", settings.cephfsStorageClass(), "1Gi", true));
    Map<String, String> claims = new LinkedHashMap<>();
    claims.put("/rbd", "rbd");
    claims.put("/cephfs", "cephfs");
    kube.pods().startWriter("writer", claims);
    awaitProgress("before any restart");

    Set<String> before = pluginPods();
    for (String name : before) {
      client.pods().inNamespace(NAMESPACE).withName(name).delete();
    }
    kube.eventually(
        "new node plugin pods ready",
        () -> pluginsReady() && pluginPods().stream().noneMatch(before::contains));
    String afterDelete = awaitProgress("after kubectl delete pod of " + before);

    Set<String> beforeRollout = pluginPods();
    String restartedAt = Instant.now().toString();
    for (String name : NODE_PLUGINS) {
      client
          .apps()
          .daemonSets()
          .inNamespace(NAMESPACE)
          .withName(name)
          .edit(ds -> {
            ds.getSpec()
                .getTemplate()
                .getMetadata()
                .getAnnotations()
                .put("kubectl.kubernetes.io/restartedAt", restartedAt);
            return ds;
          });
    }
    kube.eventually(
        "node plugin DaemonSets rolled out",
        () -> pluginsReady() && pluginPods().stream().noneMatch(beforeRollout::contains));
    String afterRollout = awaitProgress("after kubectl rollout restart");

    List<String> errors = lines("ERR");
    System.out.println(
        "restart survival e2e: "
            + afterDelete
            + "; "
            + afterRollout
            + "; write errors "
            + errors.size());
    assertEquals(List.of(), errors, "failed writes");
  }

  @AfterAll
  void cleanUp() {
    kube.deleteNamespace();
  }

  /** Waits for PROGRESS more MiB on each volume; returns the totals written so far. */
  private String awaitProgress(String when) {
    long rbd = lines("ok /rbd").size();
    long cephfs = lines("ok /cephfs").size();
    kube.eventually(
        PROGRESS + " MiB more on each volume " + when,
        () ->
            lines("ok /rbd").size() >= rbd + PROGRESS
                && lines("ok /cephfs").size() >= cephfs + PROGRESS);
    return when
        + ": "
        + lines("ok /rbd").size()
        + " MiB to rbd, "
        + lines("ok /cephfs").size()
        + " MiB to cephfs";
  }

  private List<String> lines(String prefix) {
    return kube.pods().logLines("writer").stream().filter(l -> l.startsWith(prefix)).toList();
  }

  private Set<String> pluginPods() {
    return client.pods().inNamespace(NAMESPACE).list().getItems().stream()
        .filter(p -> NODE_PLUGINS.contains(label(p)))
        .filter(p -> p.getMetadata().getDeletionTimestamp() == null)
        .map(p -> p.getMetadata().getName())
        .collect(Collectors.toSet());
  }

  private boolean pluginsReady() {
    for (String name : NODE_PLUGINS) {
      DaemonSet ds = client.apps().daemonSets().inNamespace(NAMESPACE).withName(name).get();
      var status = ds.getStatus();
      if (status == null
          || !Objects.equals(status.getObservedGeneration(), ds.getMetadata().getGeneration())
          || !Objects.equals(status.getDesiredNumberScheduled(), status.getNumberReady())
          || !Objects.equals(status.getDesiredNumberScheduled(), status.getUpdatedNumberScheduled())
          || status.getDesiredNumberScheduled() == 0) {
        return false;
      }
    }
    return true;
  }

  private static String label(Pod pod) {
    Map<String, String> labels = pod.getMetadata().getLabels();
    return labels == null ? "" : labels.getOrDefault("app.kubernetes.io/name", "");
  }
}
