package io.strata.operator.k8s.managed;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.strata.operator.k8s.Applier;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Secrets that hold keyrings (and the fsid): made once and then only added to. A key that is in a
 * Secret is never replaced, since the monitors already know it and a daemon may be using it. Values
 * are keys: nothing here logs or reports them.
 */
final class KeyringSecrets {
  private final KubernetesClient client;

  KeyringSecrets(KubernetesClient client) {
    this.client = client;
  }

  /** The decoded entries of the Secret, empty when there is none. */
  Map<String, String> read(String namespace, String name) {
    Secret secret = secret(namespace, name).get();
    Map<String, String> entries = new LinkedHashMap<>();
    if (secret != null && secret.getData() != null) {
      secret.getData().forEach((k, v) -> entries.put(k, decode(v)));
    }
    return entries;
  }

  /**
   * Adds the entries the Secret lacks, making the Secret (owned by {@code owner}) when there is
   * none; entries already there keep their value. Returns what the Secret holds afterwards.
   */
  Map<String, String> add(
      HasMetadata owner, String name, Map<String, String> labels, Map<String, String> entries) {
    String namespace = owner.getMetadata().getNamespace();
    Map<String, String> stored = read(namespace, name);
    if (stored.isEmpty() && create(owner, name, labels, entries)) {
      return new LinkedHashMap<>(entries);
    }
    stored = read(namespace, name);
    Map<String, String> missing = new LinkedHashMap<>(entries);
    missing.keySet().removeAll(stored.keySet());
    if (missing.isEmpty()) {
      return stored;
    }
    // a patch that adds the missing entries only, so a concurrent writer's are kept
    secret(namespace, name)
        .edit(s -> {
          Map<String, String> data = new LinkedHashMap<>();
          if (s.getData() != null) {
            data.putAll(s.getData());
          }
          encode(missing).forEach(data::putIfAbsent);
          s.setData(data);
          return s;
        });
    return read(namespace, name);
  }

  /** Makes the Secret; false when one was made meanwhile (that one wins and is added to). */
  private boolean create(
      HasMetadata owner, String name, Map<String, String> labels, Map<String, String> entries) {
    Secret secret =
        new SecretBuilder()
            .withNewMetadata()
            .withName(name)
            .withLabels(labels)
            .endMetadata()
            .withType("Opaque")
            .withData(encode(entries))
            .build();
    try {
      client.resource(Applier.own(secret, owner)).create();
      return true;
    } catch (KubernetesClientException e) {
      if (e.getCode() == 409) {
        return false;
      }
      throw e;
    }
  }

  private Resource<Secret> secret(String namespace, String name) {
    return client.secrets().inNamespace(namespace).withName(name);
  }

  private static Map<String, String> encode(Map<String, String> entries) {
    Map<String, String> data = new LinkedHashMap<>();
    entries.forEach((k, v) ->
        data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
    return data;
  }

  private static String decode(String value) {
    return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
  }
}
