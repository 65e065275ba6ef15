package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.type.CollectionType;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * JSON for Ceph's answers and for the records the runtime keeps in ConfigMaps (monitor placement,
 * OSD registrations). Those records are state the operator must read back exactly, so a ConfigMap
 * value that does not parse is an error, not an empty list.
 */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  static String write(Object value) {
    try {
      return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write " + value.getClass().getSimpleName(), e);
    }
  }

  /** The list a ConfigMap keeps under {@code key}; empty while the ConfigMap or key is absent. */
  static <T> List<T> readList(
      KubernetesClient client, String namespace, String configMap, String key, Class<T> element) {
    ConfigMap map = client.configMaps().inNamespace(namespace).withName(configMap).get();
    String text = map == null || map.getData() == null ? null : map.getData().get(key);
    return readList(text, element, "ConfigMap " + configMap + " key " + key);
  }

  /** The list in {@code text}; empty when there is no text yet. */
  static <T> List<T> readList(String text, Class<T> element, String where) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    CollectionType type = MAPPER.getTypeFactory().constructCollectionType(List.class, element);
    try {
      return List.copyOf(MAPPER.<List<T>>readValue(text, type));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          where + " does not hold a valid list: " + e.getOriginalMessage());
    }
  }
}
