package io.strata.test.manifests;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sidecar containers a kustomization's components add, read the way kustomize applies our
 * patches: each patch is a strategic merge of a pod template whose containers are all new, added to
 * every Deployment or DaemonSet its target selects by kind and one {@code key=value} label. This
 * lets the raw-file tests check assembled pods without a kustomize binary; {@link
 * RenderedManifestsTest} checks the same with the real one when it is installed.
 */
final class SidecarComponents {
  /** One patch of one component. */
  record Patch(
      Path file, String kind, String labelKey, String labelValue, List<Container> containers) {
    boolean targets(Workload workload) {
      return workload.kind().equals(kind) && labelValue.equals(workload.labels().get(labelKey));
    }
  }

  private SidecarComponents() {}

  /** The patches of every component {@code kustomizationDir}'s kustomization.yaml includes. */
  static List<Patch> of(Path kustomizationDir) {
    List<Patch> patches = new ArrayList<>();
    for (JsonNode component : kustomization(kustomizationDir).path("components")) {
      Path dir = kustomizationDir.resolve(component.asText()).normalize();
      JsonNode tree = kustomization(dir);
      if (!tree.path("kind").asText().equals("Component")) {
        throw new IllegalStateException(dir + " is listed as a component but is not one");
      }
      for (JsonNode patch : tree.path("patches")) {
        if (patch.has("path")) {
          patches.add(patch(dir, patch));
        }
      }
    }
    return patches;
  }

  /** {@code base} with the containers of every patch that targets it. */
  static Workload assemble(Workload base, List<Patch> patches) {
    PodTemplateSpecBuilder template = new PodTemplateSpecBuilder(base.template());
    patches.stream()
        .filter(p -> p.targets(base))
        .forEach(p -> template.editSpec().addAllToContainers(p.containers()).endSpec());
    return new Workload(base.where(), base.kind(), base.name(), base.labels(), template.build());
  }

  private static Patch patch(Path componentDir, JsonNode patch) {
    Path file = componentDir.resolve(patch.path("path").asText());
    JsonNode target = patch.path("target");
    String[] selector = target.path("labelSelector").asText().split("=", -1);
    if (selector.length != 2 || target.path("kind").asText().isEmpty()) {
      throw new IllegalStateException(
          file + ": target by kind and one key=value label, so tests can follow it: " + target);
    }
    List<Container> containers = new ArrayList<>();
    for (Manifest doc : Manifest.parse(Repo.read(file), file)) {
      for (JsonNode c : doc.tree().path("spec").path("template").path("spec").path("containers")) {
        containers.add(Serialization.unmarshal(c.toString(), Container.class));
      }
    }
    return new Patch(file, target.path("kind").asText(), selector[0], selector[1], containers);
  }

  private static JsonNode kustomization(Path dir) {
    Path file = dir.resolve("kustomization.yaml");
    return Manifest.parse(Repo.read(file), file).get(0).tree();
  }
}
