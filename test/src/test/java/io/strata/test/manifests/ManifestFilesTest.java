package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.strata.ceph.ClusterConfigs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every YAML file under deploy/ and provisioner-sidecar-config/ is what it says it is. */
class ManifestFilesTest {
  static final String NAMESPACE = "strata";

  static Stream<String> yamlFiles() {
    return Repo.yamlFiles().stream().map(Repo::relative);
  }

  /**
   * Each document parses into fabric8's typed model for its apiVersion and kind with no field the
   * model does not know; kustomizations and the snapshot kinds are checked on their own.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("yamlFiles")
  void parsesAsTheKindItClaims(String file) {
    Path path = Repo.ROOT.resolve(file);
    List<Manifest> documents = Manifest.parse(Repo.read(path), path);
    assertFalse(documents.isEmpty(), file + " has no document");
    List<String> problems = new ArrayList<>();
    for (Manifest doc : documents) {
      if (doc.isKustomization()) {
        if (!Set.of("Kustomization", "Component").contains(doc.kind())) {
          problems.add(doc.where() + ": kind must be Kustomization or Component");
        }
      } else if (SnapshotKinds.handles(doc)) {
        problems.addAll(SnapshotKinds.problems(doc));
      } else {
        HasMetadata typed = doc.typed();
        if (typed instanceof GenericKubernetesResource) {
          problems.add(
              doc.where()
                  + ": "
                  + doc.apiVersion()
                  + " "
                  + doc.kind()
                  + " is no kind fabric8 knows");
        } else {
          assertEquals(doc.kind(), typed.getKind(), doc.where());
          UnknownFields.of(typed).forEach(f -> problems.add(doc.where() + ": unknown field " + f));
        }
      }
    }
    assertEquals(List.of(), problems);
  }

  /**
   * Namespaced objects of the base and the example Secrets name the strata namespace themselves
   * (the kustomization sets none: kustomize would stamp it on VolumeSnapshotClasses too);
   * cluster-scoped ones name none.
   */
  @Test
  void namespacedObjectsNameTheStrataNamespaceAndOthersNone() {
    List<String> problems = new ArrayList<>();
    for (Manifest doc : Manifest.all()) {
      if (doc.isKustomization()
          || !doc.file().startsWith(Repo.DEPLOY)
          || SnapshotKinds.handles(doc)) {
        continue;
      }
      HasMetadata typed = doc.typed();
      String namespace = typed.getMetadata().getNamespace();
      boolean userObject =
          doc.file().startsWith(Repo.DEPLOY.resolve("examples")) && !doc.kind().equals("Secret");
      boolean localConfig =
          typed.getMetadata().getAnnotations() != null
              && "true"
                  .equals(
                      typed
                          .getMetadata()
                          .getAnnotations()
                          .get("config.kubernetes.io/local-config"));
      if (typed instanceof Namespaced
          && !userObject
          && !localConfig
          && !NAMESPACE.equals(namespace)) {
        problems.add(doc + ": namespace must be " + NAMESPACE + ", is " + namespace);
      } else if ((!(typed instanceof Namespaced) || userObject) && namespace != null) {
        problems.add(doc + ": must name no namespace, names " + namespace);
      }
    }
    assertEquals(List.of(), problems);
  }

  @Test
  void snapshotClassesAreClusterScoped() {
    for (Manifest doc : Manifest.all()) {
      if (doc.kind().equals("VolumeSnapshotClass")) {
        assertNull(doc.tree().path("metadata").get("namespace"), doc.where());
      }
    }
  }

  @Test
  void clusterConfigIsWhatThePluginsRead() throws IOException {
    ClusterConfigs configs = ClusterConfigs.read(Repo.BASE.resolve("cluster-config.json"));
    assertTrue(configs.all().size() >= 1);
  }
}
