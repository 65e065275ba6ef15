package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The kustomizations hold together: what they name exists and is of the right sort, and no manifest
 * under deploy/ is left out of every kustomization (examples/ aside, which users apply by hand).
 */
class KustomizeLayoutTest {
  @Test
  void everythingAKustomizationNamesExists() {
    List<String> problems = new ArrayList<>();
    for (Manifest k : kustomizations()) {
      Path dir = k.file().getParent();
      for (JsonNode resource : k.tree().path("resources")) {
        Path target = dir.resolve(resource.asText()).normalize();
        if (Files.isDirectory(target)) {
          expectKind(target, "Kustomization", k, problems);
        } else if (!Files.isRegularFile(target)) {
          problems.add(k.where() + ": resource " + resource.asText() + " does not exist");
        }
      }
      for (JsonNode component : k.tree().path("components")) {
        expectKind(dir.resolve(component.asText()).normalize(), "Component", k, problems);
      }
      for (JsonNode patch : k.tree().path("patches")) {
        if (patch.has("path") && !Files.isRegularFile(dir.resolve(patch.path("path").asText()))) {
          problems.add(k.where() + ": patch " + patch.path("path").asText() + " does not exist");
        }
      }
      for (JsonNode generator : k.tree().path("configMapGenerator")) {
        for (JsonNode file : generator.path("files")) {
          String source = file.asText().substring(file.asText().indexOf('=') + 1);
          if (!Files.isRegularFile(dir.resolve(source))) {
            problems.add(k.where() + ": configMapGenerator file " + source + " does not exist");
          }
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void noManifestUnderDeployIsLeftOut() {
    Set<Path> named = new HashSet<>();
    for (Manifest k : kustomizations()) {
      Path dir = k.file().getParent();
      k.tree().path("resources").forEach(r -> named.add(dir.resolve(r.asText()).normalize()));
      k.tree()
          .path("patches")
          .forEach(p -> named.add(dir.resolve(p.path("path").asText()).normalize()));
    }
    List<String> orphans =
        Repo.yamlFiles().stream()
            .filter(f -> f.startsWith(Repo.DEPLOY))
            .filter(f -> !f.getFileName().toString().equals("kustomization.yaml"))
            .filter(f -> !f.startsWith(Repo.DEPLOY.resolve("examples")))
            .filter(f -> !named.contains(f.normalize()))
            .map(Repo::relative)
            .toList();
    assertEquals(List.of(), orphans, "in no kustomization's resources");
  }

  @Test
  void deployDirectoryInstallsTheBaseAndTheOperator() {
    Manifest top =
        Manifest.parse(
                Repo.read(Repo.DEPLOY.resolve("kustomization.yaml")),
                Repo.DEPLOY.resolve("kustomization.yaml"))
            .get(0);
    assertEquals("Kustomization", top.kind());
    List<String> resources = new ArrayList<>();
    top.tree().path("resources").forEach(r -> resources.add(r.asText()));
    assertEquals(List.of("base", "operator"), resources);
    assertTrue(Files.isDirectory(Repo.DEPLOY.resolve("overlays")));
  }

  static List<Manifest> kustomizations() {
    return Manifest.all().stream().filter(Manifest::isKustomization).toList();
  }

  private static void expectKind(Path dir, String kind, Manifest from, List<String> problems) {
    Path file = dir.resolve("kustomization.yaml");
    if (!Files.isRegularFile(file)) {
      problems.add(from.where() + ": " + Repo.relative(dir) + " has no kustomization.yaml");
    } else if (!Manifest.parse(Repo.read(file), file).get(0).kind().equals(kind)) {
      problems.add(from.where() + ": " + Repo.relative(dir) + " must be a " + kind);
    }
  }
}
