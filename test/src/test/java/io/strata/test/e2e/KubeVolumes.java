package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Claims and snapshots in one test namespace of their own, and the waits the e2e classes need.
 * Everything the suite makes lives in that namespace, so deleting it cleans up after a failed run.
 */
final class KubeVolumes {
  static final ResourceDefinitionContext VOLUME_SNAPSHOTS =
      snapshotKind("VolumeSnapshot", "volumesnapshots", true);
  static final ResourceDefinitionContext SNAPSHOT_CONTENTS =
      snapshotKind("VolumeSnapshotContent", "volumesnapshotcontents", false);

  private final KubernetesClient client;
  private final E2eSettings settings;
  private final String namespace;
  private final KubePods pods;

  KubeVolumes(KubernetesClient client, E2eSettings settings, String namespace) {
    this.client = client;
    this.settings = settings;
    this.namespace = namespace;
    this.pods = new KubePods(client, settings, namespace);
  }

  KubePods pods() {
    return pods;
  }

  void createNamespace() {
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .addToLabels("app.kubernetes.io/part-of", "strata-e2e")
                // busybox runs as root: allowed by baseline, whatever the cluster's default
                .addToLabels("pod-security.kubernetes.io/enforce", "baseline")
                .endMetadata()
                .build())
        .create();
  }

  /** Deletes the namespace and everything in it; the provisioner then deletes the volumes. */
  void deleteNamespace() {
    client.namespaces().withName(namespace).delete();
    client
        .namespaces()
        .withName(namespace)
        .waitUntilCondition(Objects::isNull, seconds(), TimeUnit.SECONDS);
  }

  /** Creates the claim and waits until it is Bound; returns its PV. */
  PersistentVolume bind(Claim claim) {
    client.persistentVolumeClaims().inNamespace(namespace).resource(claim.in(namespace)).create();
    String volume =
        client
            .persistentVolumeClaims()
            .inNamespace(namespace)
            .withName(claim.name())
            .waitUntilCondition(
                c -> c != null && c.getStatus() != null && "Bound".equals(c.getStatus().getPhase()),
                seconds(),
                TimeUnit.SECONDS)
            .getSpec()
            .getVolumeName();
    return client.persistentVolumes().withName(volume).get();
  }

  /**
   * Asks for {@code size} and waits until the claim reports it: the resize is done, node included.
   */
  void expand(String claim, String size) {
    long wanted = bytes(new Quantity(size));
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .withName(claim)
        .edit(c ->
            new PersistentVolumeClaimBuilder(c)
                .editSpec()
                .editResources()
                .addToRequests("storage", new Quantity(size))
                .endResources()
                .endSpec()
                .build());
    client
        .persistentVolumeClaims()
        .inNamespace(namespace)
        .withName(claim)
        .waitUntilCondition(
            c ->
                c != null
                    && c.getStatus() != null
                    && c.getStatus().getCapacity() != null
                    && c.getStatus().getCapacity().get("storage") != null
                    && bytes(c.getStatus().getCapacity().get("storage")) >= wanted,
            seconds(),
            TimeUnit.SECONDS);
  }

  /** Takes a VolumeSnapshot of the claim and waits until it is readyToUse. */
  void snapshot(String name, String claim, String snapshotClass) {
    GenericKubernetesResource snapshot = new GenericKubernetesResource();
    snapshot.setApiVersion("snapshot.storage.k8s.io/v1");
    snapshot.setKind("VolumeSnapshot");
    snapshot.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
    snapshot.setAdditionalProperty(
        "spec",
        Map.of(
            "volumeSnapshotClassName",
            snapshotClass,
            "source",
            Map.of("persistentVolumeClaimName", claim)));
    client
        .genericKubernetesResources(VOLUME_SNAPSHOTS)
        .inNamespace(namespace)
        .resource(snapshot)
        .create();
    client
        .genericKubernetesResources(VOLUME_SNAPSHOTS)
        .inNamespace(namespace)
        .withName(name)
        .waitUntilCondition(
            s -> s != null && Boolean.TRUE.equals(s.get("status", "readyToUse")),
            seconds(),
            TimeUnit.SECONDS);
  }

  /**
   * Deletes the namespace's pods, snapshots and claims, waits until no PV and no
   * VolumeSnapshotContent of it is left, and with Ceph access checks their images and subvolumes
   * are gone too.
   */
  void deleteAllAndExpectNothingLeft(CephLeftovers ceph) {
    client.pods().inNamespace(namespace).delete();
    client.genericKubernetesResources(VOLUME_SNAPSHOTS).inNamespace(namespace).delete();
    client.persistentVolumeClaims().inNamespace(namespace).delete();
    eventually(
        "no PV nor VolumeSnapshotContent left for " + namespace,
        () -> volumesLeft().isEmpty() && snapshotContentsLeft().isEmpty());
    settings
        .ceph()
        .ifPresent(access -> {
          List<String> left = ceph.stillInCeph(access);
          if (!left.isEmpty()) {
            throw new AssertionError("left in Ceph: " + left);
          }
        });
  }

  /** Polls {@code condition} every 2 s until it holds; fails with {@code what} at the timeout. */
  void eventually(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + settings.timeout().toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + settings.timeout() + ": " + what);
      }
      try {
        Thread.sleep(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }

  private List<PersistentVolume> volumesLeft() {
    return client.persistentVolumes().list().getItems().stream()
        .filter(pv ->
            pv.getSpec().getClaimRef() != null
                && namespace.equals(pv.getSpec().getClaimRef().getNamespace()))
        .toList();
  }

  private List<GenericKubernetesResource> snapshotContentsLeft() {
    return client.genericKubernetesResources(SNAPSHOT_CONTENTS).list().getItems().stream()
        .filter(c -> namespace.equals(c.get("spec", "volumeSnapshotRef", "namespace")))
        .toList();
  }

  private long seconds() {
    return settings.timeout().toSeconds();
  }

  private static long bytes(Quantity quantity) {
    return Quantity.getAmountInBytes(quantity).longValueExact();
  }

  private static ResourceDefinitionContext snapshotKind(
      String kind, String plural, boolean namespaced) {
    return new ResourceDefinitionContext.Builder()
        .withGroup("snapshot.storage.k8s.io")
        .withVersion("v1")
        .withKind(kind)
        .withPlural(plural)
        .withNamespaced(namespaced)
        .build();
  }
}
