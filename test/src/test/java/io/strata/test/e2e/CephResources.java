package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.CephBlockPoolSpec;
import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec;
import io.strata.operator.api.v1.NamedPoolSpec;
import io.strata.operator.api.v1.PoolSpec;
import io.strata.operator.api.v1.ResourceStatus;
import io.strata.operator.api.v1.StorageClassSpec;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The operator's resources as an e2e class makes them: in namespace strata, labelled with the
 * class's token (so its cleanup finds them), one copy per pool, and waits on their status.
 */
final class CephResources {
  static final String NAMESPACE = "strata";
  static final String TOKEN_LABEL = "strata-e2e";

  private final KubernetesClient client;
  private final E2eSettings settings;
  private final String token;

  CephResources(KubernetesClient client, E2eSettings settings, String token) {
    this.client = client;
    this.settings = settings;
    this.token = token;
  }

  <T extends CustomResource<?, ?>> T named(T resource, String name) {
    resource.getMetadata().setName(name);
    resource.getMetadata().setNamespace(NAMESPACE);
    resource.getMetadata().setLabels(Map.of(TOKEN_LABEL, token));
    return resource;
  }

  /** A one-copy pool, removed with the resource, with a StorageClass of the given name. */
  CephBlockPool blockPool(String name, String storageClass) {
    CephBlockPool pool = named(new CephBlockPool(), name);
    pool.setSpec(singleCopy(new CephBlockPoolSpec()));
    pool.getSpec().deletePoolOnRemoval = true;
    pool.getSpec().storageClass = storageClass(storageClass);
    return pool;
  }

  /** A filesystem of one-copy pools, removed with the resource, with a StorageClass. */
  CephFilesystem filesystem(String name, String storageClass) {
    CephFilesystem fs = named(new CephFilesystem(), name);
    fs.setSpec(new CephFilesystemSpec());
    fs.getSpec().metadataPool = singleCopy(new PoolSpec());
    fs.getSpec().dataPools = List.of(singleCopy(new NamedPoolSpec()));
    fs.getSpec().preservePoolsOnDelete = false;
    fs.getSpec().storageClass = storageClass(storageClass);
    return fs;
  }

  /** One replica: an e2e cluster may have a single OSD. */
  private static <T extends PoolSpec> T singleCopy(T pool) {
    pool.replicated.size = 1;
    pool.replicated.requireSafeReplicaSize = false;
    return pool;
  }

  private static StorageClassSpec storageClass(String name) {
    StorageClassSpec spec = new StorageClassSpec();
    spec.enabled = true;
    spec.name = name;
    return spec;
  }

  <T extends CustomResource<?, ? extends ResourceStatus>> void awaitReady(
      Class<T> type, String name) {
    awaitStatus(type, name, s -> "Ready".equals(s.phase));
  }

  <T extends CustomResource<?, ? extends ResourceStatus>> T awaitStatus(
      Class<T> type, String name, Predicate<ResourceStatus> wanted) {
    return client
        .resources(type)
        .inNamespace(NAMESPACE)
        .withName(name)
        .waitUntilCondition(
            r -> r != null && r.getStatus() != null && wanted.test(r.getStatus()),
            settings.timeout().toSeconds(),
            TimeUnit.SECONDS);
  }

  <T extends HasMetadata> void awaitGone(Class<T> type, String name) {
    client
        .resources(type)
        .inNamespace(NAMESPACE)
        .withName(name)
        .waitUntilCondition(Objects::isNull, settings.timeout().toSeconds(), TimeUnit.SECONDS);
  }

  /** Deletes this token's resources of the kind. */
  void deleteLabelled(Class<? extends CustomResource<?, ?>> type) {
    client.resources(type).inNamespace(NAMESPACE).withLabel(TOKEN_LABEL, token).delete();
  }
}
