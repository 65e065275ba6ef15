package io.strata.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The YAML maps and the cluster directory a run reads. */
class InputFilesTest {
  @TempDir Path dir;

  @Test
  void yamlValuesBecomeStrings() throws Exception {
    Path file = Files.writeString(dir.resolve("p.yaml"), "pool: rbd\nreplicas: 3\nfast: true\n");
    assertEquals(Map.of("pool", "rbd", "replicas", "3", "fast", "true"), YamlMaps.read(file));
    assertEquals(Map.of(), YamlMaps.read(Files.writeString(dir.resolve("empty.yaml"), "")));
  }

  @Test
  void nestedYamlIsRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("s.yaml"), "CreateVolumeSecret:\n  userID: admin\n");
    IOException e = assertThrows(IOException.class, () -> YamlMaps.read(file));
    assertEquals(file + ": the value of CreateVolumeSecret is not a string", e.getMessage());
  }

  @Test
  void keyringKeyIsTheKeyLineOnly() throws Exception {
    assertEquals(
        "AQB==",
        ClusterDir.keyringKey(List.of("[client.admin]", "  keyring = x", "\tkey = AQB==")));
    assertThrows(IOException.class, () -> ClusterDir.keyringKey(List.of("[client.admin]")));
  }

  @Test
  void toStringsLeaveSecretsOut() {
    CsiRequests requests =
        new CsiRequests(
            Map.of(), Map.of(), Map.of("userKey", "TOPSECRET"), CsiRequests.AccessType.block, "");
    assertFalse(requests.toString().contains("TOPSECRET"));
  }

  @Test
  void snapshotIdsRoundTrip() {
    assertEquals(new SnapshotId("vol", "snap"), SnapshotId.parse("vol@snap"));
    assertEquals("vol@snap", new SnapshotId("vol", "snap").toString());
    assertThrows(IllegalArgumentException.class, () -> SnapshotId.parse("vol"));
    assertThrows(IllegalArgumentException.class, () -> SnapshotId.parse("vol@"));
  }
}
