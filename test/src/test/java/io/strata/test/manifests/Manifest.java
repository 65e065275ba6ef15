package io.strata.test.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One YAML document of a file: a Kubernetes object, or a kustomization. {@link #typed()} reads a
 * Kubernetes object into fabric8's typed model for its apiVersion and kind (a generic resource for
 * kinds fabric8 does not model, such as VolumeSnapshotClass).
 */
record Manifest(Path file, int index, JsonNode tree) {
  private static final YAMLMapper YAML = new YAMLMapper();

  static List<Manifest> all() {
    List<Manifest> all = new ArrayList<>();
    for (Path file : Repo.yamlFiles()) {
      all.addAll(parse(Repo.read(file), file));
    }
    return all;
  }

  static List<Manifest> parse(String yaml, Path origin) {
    List<Manifest> documents = new ArrayList<>();
    try (MappingIterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml)) {
      int index = 0;
      while (docs.hasNext()) {
        JsonNode doc = docs.next();
        if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
          documents.add(new Manifest(origin, index, doc));
        }
        index++;
      }
    } catch (IOException e) {
      throw new UncheckedIOException("not YAML: " + origin, e);
    }
    return documents;
  }

  String apiVersion() {
    return tree.path("apiVersion").asText("");
  }

  String kind() {
    return tree.path("kind").asText("");
  }

  String name() {
    return tree.path("metadata").path("name").asText("");
  }

  /** A kustomization.yaml (Kustomization or Component), not an object for the API server. */
  boolean isKustomization() {
    return apiVersion().startsWith("kustomize.config.k8s.io/");
  }

  HasMetadata typed() {
    return Serialization.unmarshal(tree.toString());
  }

  <T> T as(Class<T> type) {
    return Serialization.unmarshal(tree.toString(), type);
  }

  /** Where this document is, for failure messages: file, and the document number if not first. */
  String where() {
    return Repo.relative(file) + (index > 0 ? " (document " + (index + 1) + ")" : "");
  }

  @Override
  public String toString() {
    return where() + " " + kind() + " " + name();
  }
}
