package io.strata.operator.api.v1.crd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strata.operator.api.v1.CephBlockPool;
import io.strata.operator.api.v1.GeneratedCrds;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checked-in CRDs of deploy/operator/crds are what this build generates from the model: the
 * drift check that runs wherever the tests run (CI included).
 */
class CrdManifestsTest {
  static final String REGENERATE = "mvn -pl operator -am process-classes -Pupdate-crds";

  @Test
  void deployHoldsExactlyTheCrdsTheModelGenerates() throws IOException {
    Path deploy = GeneratedCrds.deployDir();
    List<String> drifted = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (Class<? extends HasMetadata> kind : GeneratedCrds.KINDS) {
      String file = CrdManifests.fileName(Path.of(GeneratedCrds.generatedFile(kind)));
      expected.add(file);
      Path checkedIn = deploy.resolve(file);
      if (!Files.isRegularFile(checkedIn)
          || !Files.readString(checkedIn).equals(GeneratedCrds.rendered(kind))) {
        drifted.add(file);
      }
    }
    List<String> present;
    try (Stream<Path> files = Files.list(deploy)) {
      present = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        List.of(),
        drifted,
        "deploy/operator/crds differs from the model in io.strata.operator.api.v1: run `"
            + REGENERATE
            + "` and commit the result");
    assertEquals(
        expected.stream().sorted().toList(),
        present,
        "deploy/operator/crds holds a file the model does not generate (a removed kind?)");
  }

  @Test
  void mainWritesEachCrd(@TempDir Path dir) throws IOException {
    Path generated = Files.createDirectories(dir.resolve("fabric8"));
    String file = GeneratedCrds.generatedFile(CephBlockPool.class);
    Files.writeString(generated.resolve(file), GeneratedCrds.generated(CephBlockPool.class));

    CrdManifests.main(new String[] {generated.toString(), dir.resolve("out").toString()});

    String written = Files.readString(dir.resolve("out/cephblockpools.ceph.strata.io.yaml"));
    assertEquals(GeneratedCrds.rendered(CephBlockPool.class), written);
    assertTrue(written.startsWith("# Generated from"), "says where it comes from");
    assertTrue(written.contains(REGENERATE), "names the command that regenerates it");
  }

  /** The API server does not store priority 0; writing it made every apply say "configured". */
  @Test
  void columnsCarryNoDefaultPriority() {
    assertTrue(GeneratedCrds.generated(CephBlockPool.class).contains("priority: 0"), "fixture");
    assertFalse(
        CrdManifests.render(GeneratedCrds.generated(CephBlockPool.class)).contains("priority"));
  }

  @Test
  void aColumnTheOrderDoesNotKnowFailsTheBuild() {
    String withNew = withColumn(".status.poolId", "PoolId", "integer");
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> CrdManifests.render(withNew));
    assertTrue(e.getMessage().contains("PoolId"), e.getMessage());
  }

  /** The generated CephBlockPool CRD with one more printer column in front of the others. */
  private static String withColumn(String jsonPath, String name, String type) {
    return GeneratedCrds.generated(CephBlockPool.class)
        .replace(
            "  - additionalPrinterColumns:\n",
            "  - additionalPrinterColumns:\n"
                + "    - jsonPath: "
                + jsonPath
                + "\n      name: "
                + name
                + "\n      type: "
                + type
                + "\n");
  }
}
