package io.strata.test.manifests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Each CSI sidecar image is pinned once, in provisioner-sidecar-config/, and the docs quote the
 * same versions; the strata image is named once, in the base kustomization, at the project version.
 */
class SidecarImagesTest {
  private static final Pattern SIDECAR =
      Pattern.compile("registry\\.k8s\\.io/sig-storage/([a-z0-9-]+):([A-Za-z0-9._-]+)");
  private static final Pattern RELEASE = Pattern.compile("v\\d+\\.\\d+\\.\\d+");

  /** image -> tag, from the YAML files; fails if an image appears in more than one place. */
  static Map<String, String> pinnedSidecars() {
    Map<String, String> tags = new TreeMap<>();
    Map<String, String> places = new TreeMap<>();
    for (Path file : Repo.yamlFiles()) {
      Matcher m = SIDECAR.matcher(Repo.read(file));
      while (m.find()) {
        String previous = places.put(m.group(1), Repo.relative(file));
        assertEquals(
            null, previous, m.group(1) + " appears in " + previous + " and " + Repo.relative(file));
        tags.put(m.group(1), m.group(2));
      }
    }
    return tags;
  }

  @Test
  void everySidecarIsPinnedOnceToARelease() {
    Map<String, String> pinned = pinnedSidecars();
    assertEquals(
        List.of(
            "csi-node-driver-registrar",
            "csi-provisioner",
            "csi-resizer",
            "csi-snapshotter",
            "livenessprobe"),
        List.copyOf(pinned.keySet()));
    pinned.forEach((image, tag) -> assertTrue(RELEASE.matcher(tag).matches(), image + ":" + tag));
    for (Path file : Repo.yamlFiles()) {
      if (file.startsWith(Repo.DEPLOY)) {
        assertFalse(
            SIDECAR.matcher(Repo.read(file)).find(),
            Repo.relative(file) + " names a sidecar image");
      }
    }
  }

  /** The README's table and docs/deploy.md say the versions the components pin. */
  @Test
  void docsQuoteThePinnedVersions() {
    Map<String, String> quoted = new TreeMap<>();
    Matcher m = SIDECAR.matcher(Repo.read(Repo.SIDECARS.resolve("README.md")));
    while (m.find()) {
      quoted.put(m.group(1), m.group(2));
    }
    assertEquals(pinnedSidecars(), quoted);
    Path deployDoc = Repo.ROOT.resolve("docs/deploy.md");
    Matcher snapshotter =
        Pattern.compile("external-snapshotter/[^?\\s]*\\?ref=(v[0-9.]+)")
            .matcher(Repo.read(deployDoc));
    assertTrue(snapshotter.find(), "docs/deploy.md installs the snapshot CRDs at a pinned ref");
    do {
      assertEquals(
          pinnedSidecars().get("csi-snapshotter"),
          snapshotter.group(1),
          "snapshot CRDs and snapshot-controller at the csi-snapshotter's release");
    } while (snapshotter.find());
  }

  /** Every container outside the sidecars runs `strata`, which only the kustomization resolves. */
  @Test
  void theStrataImageIsNamedInTheBaseKustomizationOnly() {
    List<String> problems = new ArrayList<>();
    for (Manifest doc : Manifest.all()) {
      for (JsonNode c : doc.tree().path("spec").path("template").path("spec").path("containers")) {
        String image = c.path("image").asText();
        if (!SIDECAR.matcher(image).matches() && !image.equals("strata")) {
          problems.add(doc.where() + ": container " + c.path("name").asText() + " runs " + image);
        }
      }
      if (doc.isKustomization() && doc.file().startsWith(Repo.BASE)) {
        List<JsonNode> images = new ArrayList<>();
        doc.tree().path("images").forEach(images::add);
        assertEquals(1, images.size(), doc.where());
        assertEquals("strata", images.get(0).path("name").asText());
        assertEquals(
            Repo.projectVersion(),
            images.get(0).path("newTag").asText(),
            "the image tag follows the project version");
      }
    }
    assertEquals(List.of(), problems);
    assertTrue(Files.isRegularFile(Repo.DEPLOY.resolve("image/Dockerfile")));
    assertFalse(
        Repo.read(Repo.DEPLOY.resolve("image/Dockerfile")).contains(Repo.projectVersion()),
        "the Dockerfile does not name its own tag");
  }

  /** docker build and the Docker-free build install one package list, so the images agree. */
  @Test
  void bothImageBuildsInstallTheOnePackageList() {
    String list = "deploy/image/packages";
    assertTrue(Files.isRegularFile(Repo.DEPLOY.resolve("image/packages")));
    assertTrue(Repo.read(Repo.DEPLOY.resolve("image/Dockerfile")).contains("COPY " + list));
    assertTrue(Repo.read(Repo.DEPLOY.resolve("image/build")).contains(list));
    assertTrue(
        Repo.read(Repo.DEPLOY.resolve("image/Dockerfile.dockerignore")).contains("!" + list),
        "the package list is in the docker build context");
  }
}
