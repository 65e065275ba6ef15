package io.strata.operator.api.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The seed document's examples (src/test/resources/seed/, our apiVersion) read into the model with
 * the fields where Rook users expect them, and pass the generated CRD schema: what {@code kubectl
 * apply} of each would store.
 */
class SeedExamplesTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void walkthroughClusterLandsInTheModel() {
    CephCluster cluster = load("cephcluster.yaml", CephCluster.class);
    assertEquals("rook-ceph", cluster.getMetadata().getName());
    assertEquals("rook-ceph", cluster.getMetadata().getNamespace());
    CephClusterSpec spec = cluster.getSpec();
    assertEquals("/var/lib/rook", spec.dataDirHostPath);
    assertEquals(3, spec.mon.count);
    assertTrue(spec.dashboard.enabled);
    assertEquals("flannel", spec.network.provider);
    assertTrue(spec.storage.useAllNodes);
    assertTrue(spec.storage.useAllDevices);
    assertEquals("lvm-ssd", spec.storage.deviceFilter);
    // what the example leaves out keeps the model's defaults
    assertEquals(1, spec.mgr.count);
    assertTrue(spec.csi.enabled);
    assertNull(spec.external);
  }

  @Test
  void monitoringClusterKeepsTheRulesAsWritten() {
    CephClusterSpec spec = load("cephcluster-monitoring.yaml", CephCluster.class).getSpec();
    assertEquals(Boolean.FALSE, spec.skipUpgradeChecks);
    assertEquals(Boolean.FALSE, spec.continueUpgradeAfterChecksEvenIfNotHealthy);
    assertEquals(new IntOrString(0), spec.upgradeCheckInterval);
    assertTrue(spec.monitoring.enabled);
    assertEquals("rook-ceph", spec.monitoring.rulesNamespace);
    JsonNode alert = spec.monitoring.rules.path("alerts").path(0);
    assertEquals("mon_port_down", alert.path("rule_name").asText());
    assertEquals(180, alert.path("rearm_seconds").asInt());
    assertEquals("MON down", alert.path("annotations").path("summary").asText());
    assertEquals(3, spec.monitoring.rules.path("alarm_actions").size());
    assertEquals(1, spec.mgr.count);
  }

  @Test
  void blockPoolLandsInTheModel() {
    CephBlockPool pool = load("cephblockpool.yaml", CephBlockPool.class);
    assertEquals("replicapool", pool.getMetadata().getName());
    CephBlockPoolSpec spec = pool.getSpec();
    assertEquals("host", spec.failureDomain);
    assertEquals(3, spec.replicated.size);
    assertTrue(spec.replicated.requireSafeReplicaSize);
    assertTrue(spec.mirroring.enabled);
    assertEquals("image", spec.mirroring.mode);
    assertEquals(new IntOrString(0), spec.mirroring.interval);
    assertEquals("none", spec.compressionMode);
    assertEquals(Map.of("replica_size", "3", "protection_level", "none"), spec.parameters);
    assertNull(spec.name);
    assertFalse(spec.deletePoolOnRemoval);
  }

  @Test
  void filesystemLandsInTheModel() {
    CephFilesystem fs = load("cephfilesystem.yaml", CephFilesystem.class);
    assertEquals("myfs", fs.getMetadata().getName());
    CephFilesystemSpec spec = fs.getSpec();
    assertEquals(3, spec.metadataPool.replicated.size);
    assertEquals(1, spec.dataPools.size());
    NamedPoolSpec data = spec.dataPools.get(0);
    assertEquals("root", data.failureDomain);
    assertEquals(3, data.replicated.size);
    assertTrue(data.replicated.requireSafeReplicaSize);
    assertEquals(new IntOrString(""), data.replicated.stretchThreshold);
    assertFalse(spec.preservePoolsOnDelete);
    assertEquals(1, spec.metadataServer.activeCount);
  }

  /** Each example's spec passes its kind's schema, with no field the API server would prune. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "cephcluster.yaml, CephCluster",
    "cephcluster-monitoring.yaml, CephCluster",
    "cephblockpool.yaml, CephBlockPool",
    "cephfilesystem.yaml, CephFilesystem"
  })
  void passesTheGeneratedSchema(String file, String kind) throws IOException {
    JsonNode example = YAML.readTree(read(file));
    assertEquals("ceph.strata.io/v1", example.path("apiVersion").asText());
    assertEquals(kind, example.path("kind").asText());
    Class<? extends HasMetadata> type =
        GeneratedCrds.KINDS.stream().filter(k -> k.getSimpleName().equals(kind)).findFirst().get();
    JsonNode specSchema = GeneratedCrds.schema(type).path("properties").path("spec");
    assertEquals(List.of(), SchemaCheck.problems(example.path("spec"), specSchema, "spec"));
  }

  /** The examples survive a round trip through the model: nothing the user wrote is dropped. */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "cephcluster.yaml, CephCluster",
    "cephcluster-monitoring.yaml, CephCluster",
    "cephblockpool.yaml, CephBlockPool",
    "cephfilesystem.yaml, CephFilesystem"
  })
  void modelKeepsEveryFieldTheExampleSets(String file, String kind) throws IOException {
    Class<? extends HasMetadata> type =
        GeneratedCrds.KINDS.stream().filter(k -> k.getSimpleName().equals(kind)).findFirst().get();
    JsonNode written = YAML.readTree(read(file)).path("spec");
    JsonNode reread = YAML.valueToTree(Serialization.unmarshal(read(file), type)).path("spec");
    assertEquals(List.of(), missing(written, reread, "spec"));
  }

  /** Paths set in {@code written} that {@code reread} lacks or holds with another value. */
  private static List<String> missing(JsonNode written, JsonNode reread, String path) {
    if (written.isObject()) {
      List<String> out = new ArrayList<>();
      written
          .properties()
          .forEach(f ->
              out.addAll(missing(f.getValue(), reread.path(f.getKey()), path + "." + f.getKey())));
      return out;
    }
    if (written.isArray()) {
      List<String> out = new ArrayList<>();
      for (int i = 0; i < written.size(); i++) {
        out.addAll(missing(written.get(i), reread.path(i), path + "[" + i + "]"));
      }
      return out;
    }
    return written.equals(reread) ? List.of() : List.of(path + ": " + written + " -> " + reread);
  }

  static <T> T load(String file, Class<T> type) {
    return Serialization.unmarshal(read(file), type);
  }

  static String read(String file) {
    try (InputStream in = SeedExamplesTest.class.getResourceAsStream("/seed/" + file)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
