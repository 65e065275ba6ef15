package io.strata.test.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * The snapshot.storage.k8s.io/v1 kinds, checked by hand: fabric8's volumesnapshot model is not
 * published for the client version this build uses, so these parse as generic resources and their
 * fields are held to the CRDs of kubernetes-csi/external-snapshotter (v8).
 */
final class SnapshotKinds {
  static final String API_VERSION = "snapshot.storage.k8s.io/v1";

  private SnapshotKinds() {}

  static boolean handles(Manifest manifest) {
    return manifest.apiVersion().equals(API_VERSION)
        && Set.of("VolumeSnapshotClass", "VolumeSnapshot").contains(manifest.kind());
  }

  static List<String> problems(Manifest manifest) {
    List<String> problems = new ArrayList<>();
    JsonNode tree = manifest.tree();
    ObjectMeta meta = Serialization.unmarshal(tree.path("metadata").toString(), ObjectMeta.class);
    UnknownFields.of(meta).forEach(f -> problems.add("metadata" + f));
    if (manifest.kind().equals("VolumeSnapshotClass")) {
      onlyFields(
          tree,
          Set.of("apiVersion", "kind", "metadata", "driver", "deletionPolicy", "parameters"),
          "",
          problems);
      require(tree.path("driver").isTextual(), "driver is required", problems);
      require(
          Set.of("Delete", "Retain").contains(tree.path("deletionPolicy").asText()),
          "deletionPolicy must be Delete or Retain",
          problems);
      tree.path("parameters")
          .properties()
          .forEach(e ->
              require(
                  e.getValue().isTextual(),
                  "parameter " + e.getKey() + " must be a string",
                  problems));
    } else {
      onlyFields(tree, Set.of("apiVersion", "kind", "metadata", "spec"), "", problems);
      JsonNode spec = tree.path("spec");
      onlyFields(spec, Set.of("source", "volumeSnapshotClassName"), "spec.", problems);
      JsonNode source = spec.path("source");
      onlyFields(
          source,
          Set.of("persistentVolumeClaimName", "volumeSnapshotContentName"),
          "spec.source.",
          problems);
      require(source.size() == 1, "spec.source needs exactly one of its two fields", problems);
    }
    require(
        meta.getName() != null && !meta.getName().isEmpty(), "metadata.name is required", problems);
    return problems.stream().map(p -> manifest.where() + ": " + p).toList();
  }

  private static void onlyFields(
      JsonNode node, Set<String> allowed, String prefix, List<String> problems) {
    for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      require(allowed.contains(name), "unknown field " + prefix + name, problems);
    }
  }

  private static void require(boolean condition, String problem, List<String> problems) {
    if (!condition) {
      problems.add(problem);
    }
  }
}
