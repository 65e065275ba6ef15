package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What {@code kubectl apply -k} would send, built by the real kustomize: deploy/ and every overlay
 * render, every object is well-formed, the plugin pods pass {@link PodSuite} with the sidecars and
 * paths kustomize produced, and the operator pod passes {@link OperatorChecks}. Skipped, with one
 * line, where neither kubectl nor kustomize is on PATH.
 */
class RenderedManifestsTest {
  private static Kustomize kustomize;

  @BeforeAll
  static void findKustomize() {
    kustomize = Kustomize.find().orElse(null);
    if (kustomize == null) {
      System.err.println(
          "RenderedManifestsTest: no kubectl or kustomize on PATH, rendered checks skipped");
    }
    Assumptions.assumeTrue(kustomize != null, "no kubectl or kustomize on PATH");
  }

  static Stream<String> kustomizations() throws IOException {
    try (Stream<Path> overlays = Files.list(Repo.DEPLOY.resolve("overlays"))) {
      return Stream.concat(Stream.of(Repo.DEPLOY), overlays.sorted().toList().stream())
          .map(Repo::relative);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kustomizations")
  void rendersWellFormedObjectsAndPodsThatPassEveryCheck(String dir) {
    List<Manifest> rendered = render(dir);
    List<String> problems = new ArrayList<>();
    for (Manifest doc : rendered) {
      if (SnapshotKinds.handles(doc)) {
        problems.addAll(SnapshotKinds.problems(doc));
      } else {
        HasMetadata typed = doc.typed();
        UnknownFields.of(typed).forEach(f -> problems.add(doc + ": unknown field " + f));
      }
    }
    List<Workload> workloads = Workload.of(rendered);
    problems.addAll(PodSuite.check(OperatorChecks.plugins(workloads)));
    OperatorChecks.operators(workloads).forEach(w -> problems.addAll(OperatorChecks.check(w)));
    assertEquals(List.of(), problems);
  }

  /** The plugins and the operator run the image base/kustomization.yaml names. */
  @Test
  void deployRunsTheImageOfTheProjectVersion() {
    List<Workload> workloads = Workload.of(render("deploy"));
    assertEquals(1, OperatorChecks.operators(workloads).size(), "deploy/ installs the operator");
    for (Workload w : workloads) {
      String container =
          switch (w.component()) {
            case OperatorChecks.COMPONENT -> "operator";
            case PodSuite.FUSE_HOLDER -> FuseHolderPaths.CONTAINER;
            default -> "plugin";
          };
      assertEquals(
          "strata:" + Repo.projectVersion(),
          w.container(container).orElseThrow().getImage(),
          w.toString());
    }
  }

  @Test
  void microk8sOverlayMovesEveryKubeletPath() {
    Path config = Repo.DEPLOY.resolve("overlays/microk8s/kubelet-dir.yaml");
    String kubeletDir =
        Manifest.parse(Repo.read(config), config).get(0).tree().path("data").path("path").asText();
    List<Manifest> rendered = render("deploy/overlays/microk8s");
    for (Workload w : Workload.of(rendered)) {
      if (w.component().equals("node")) {
        assertEquals(kubeletDir, w.hostPath("kubelet-dir").orElseThrow(), w.toString());
      }
    }
    assertTrue(
        rendered.stream().noneMatch(m -> m.name().equals("kubelet-dir")),
        "local-config is not applied");
    String text = String.join("\n", rendered.stream().map(m -> m.tree().toString()).toList());
    assertTrue(!text.contains("\"/var/lib/kubelet"), "no path left under /var/lib/kubelet");
  }

  private static List<Manifest> render(String dir) {
    Path path = Repo.ROOT.resolve(dir);
    return Manifest.parse(kustomize.build(path), path.resolve("(rendered)"));
  }
}
