package io.strata.operator.api.v1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The generated CRDs (this build's, as deploy/operator/crds holds them): apiextensions v1 only, a
 * status subresource, the printer columns of the seed's {@code kubectl get}, and the validation
 * that refuses bad specs at apply time.
 */
class CrdSchemaTest {
  private static final YAMLMapper YAML = new YAMLMapper();

  @Test
  void everyKindIsOneServedStoredV1VersionWithAStatusSubresource() {
    for (Class<? extends HasMetadata> kind : GeneratedCrds.KINDS) {
      JsonNode crd = GeneratedCrds.renderedTree(kind);
      assertEquals("apiextensions.k8s.io/v1", crd.path("apiVersion").asText());
      assertEquals(Api.GROUP, crd.path("spec").path("group").asText());
      assertEquals("Namespaced", crd.path("spec").path("scope").asText());
      assertEquals(kind.getSimpleName(), crd.path("spec").path("names").path("kind").asText());
      JsonNode versions = crd.path("spec").path("versions");
      assertEquals(1, versions.size(), kind.getSimpleName());
      JsonNode v1 = versions.get(0);
      assertEquals(Api.VERSION, v1.path("name").asText());
      assertTrue(v1.path("served").asBoolean() && v1.path("storage").asBoolean());
      assertTrue(v1.path("subresources").path("status").isObject(), "status subresource");
    }
  }

  /** {@code kubectl get} reads like the seed's (NAME AVAIL USED CAPACITY STATUS) and Rook's. */
  @Test
  void printerColumnsReadLikeTheSeed() {
    assertEquals(
        List.of(
            "DataDirHostPath .spec.dataDirHostPath",
            "MonCount .spec.mon.count",
            "Phase .status.phase",
            "Message .status.message",
            "Health .status.ceph.health",
            "Age .metadata.creationTimestamp"),
        columns(CephCluster.class));
    assertEquals(
        List.of(
            "Avail .status.available",
            "Used .status.used",
            "Capacity .status.capacity",
            "Status .status.health",
            "Phase .status.phase",
            "Message .status.message",
            "Age .metadata.creationTimestamp"),
        columns(CephBlockPool.class));
    assertEquals(
        List.of(
            "Size .status.size",
            "Available .status.available",
            "Phase .status.phase",
            "Message .status.message",
            "Age .metadata.creationTimestamp"),
        columns(CephFilesystem.class));
  }

  /** The rules the model's annotations put in the schema, where the API server looks for them. */
  @Test
  void validationRulesAreInTheSchema() {
    JsonNode cluster = spec(CephCluster.class);
    assertRange(cluster, "mon.count", 1, 9);
    assertRange(cluster, "mgr.count", 1, 2);
    assertEquals(3, at(cluster, "mon.count").path("default").asInt());
    assertTrue(at(cluster, "mon").path("default").isObject(), "mon defaults to {} (count 3)");
    assertEquals(
        List.of("name"),
        YAML.convertValue(at(cluster, "mgr.modules").path("items").path("required"), List.class));
    assertEquals("^/", at(cluster, "dataDirHostPath").path("pattern").asText());
    assertTrue(
        rules(at(cluster, "external")).get(0).contains("size(self.monitors) > 0"),
        "external.enable needs monitors (CEL)");
    assertTrue(rules(at(cluster, "external")).get(0).contains("has(self.adminSecretName)"));
    assertTrue(
        at(cluster, "monitoring.rules").path("x-kubernetes-preserve-unknown-fields").asBoolean());
    JsonNode directory = at(cluster, "storage.directories").path("items");
    assertTrue(directory.path("properties").path("size").has("pattern"));
    assertEquals("10Gi", directory.path("properties").path("size").path("default").asText());

    for (JsonNode pool :
        List.of(
            spec(CephBlockPool.class),
            at(spec(CephFilesystem.class), "metadataPool"),
            at(spec(CephFilesystem.class), "dataPools").path("items"))) {
      assertRange(pool, "replicated.size", 1, 10);
      assertEquals(
          List.of("aggressive", "force", "none", "passive"),
          YAML.convertValue(at(pool, "compressionMode").path("enum"), List.class));
      assertEquals(Schema.DNS_LABEL, at(pool, "failureDomain").path("pattern").asText());
      assertTrue(rules(at(pool, "replicated")).get(0).contains("requireSafeReplicaSize"));
    }

    JsonNode fs = spec(CephFilesystem.class);
    assertRange(fs, "metadataServer.activeCount", 1, 50);
    assertTrue(rules(fs).get(0).contains("size(self.dataPools) > 0"), "a data pool at least");
    for (JsonNode owner : List.of(spec(CephBlockPool.class), fs)) {
      JsonNode storageClass = at(owner, "storageClass");
      assertEquals(
          List.of("Delete", "Retain"),
          YAML.convertValue(at(storageClass, "reclaimPolicy").path("enum"), List.class));
      assertEquals(Schema.DNS_SUBDOMAIN, at(storageClass, "name").path("pattern").asText());
      assertEquals(List.of("size(self) <= 253"), rules(at(storageClass, "name")));
    }
  }

  /** Specs the API server must refuse, and what the check above says about each. */
  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CephCluster    | {mon: {count: 0}}                         | spec.mon.count: must be >=",
        "CephCluster    | {mon: {count: 10}}                        | spec.mon.count: must be <=",
        "CephCluster    | {mgr: {count: 3}}                         | spec.mgr.count: must be <=",
        "CephCluster    | {mgr: {modules: [{enabled: true}]}}       | spec.mgr.modules[0].name: is required",
        "CephCluster    | {dataDirHostPath: var/lib}                | spec.dataDirHostPath: \"var/lib\" does not match",
        "CephCluster    | {storage: {directories: [{path: /d, size: 10GB}]}} | spec.storage.directories[0].size",
        "CephCluster    | {storage: {directories: [{size: 10Gi}]}}  | spec.storage.directories[0].path: is required",
        "CephCluster    | {mon: {cout: 3}}                          | spec.mon.cout: unknown field",
        "CephCluster    | {dashboard: {port: 70000}}                | spec.dashboard.port: must be <=",
        "CephBlockPool  | {replicated: {size: 11}}                  | spec.replicated.size: must be <=",
        "CephBlockPool  | {compressionMode: zstd}                   | spec.compressionMode: \"zstd\" is not one of",
        "CephBlockPool  | {failureDomain: Host_A}                   | spec.failureDomain: \"Host_A\" does not match",
        "CephBlockPool  | {storageClass: {reclaimPolicy: Keep}}     | spec.storageClass.reclaimPolicy: \"Keep\" is not one of",
        "CephBlockPool  | {storageClass: {name: My_Class}}          | spec.storageClass.name: \"My_Class\" does not match",
        "CephBlockPool  | {parameters: {pg_num: 32}}                | spec.parameters.pg_num: must be a string",
        "CephFilesystem | {metadataServer: {activeCount: 0}}        | spec.metadataServer.activeCount: must be >=",
        "CephFilesystem | {metadataServer: {activeCount: 51}}       | spec.metadataServer.activeCount: must be <=",
        "CephFilesystem | {dataPools: [{replicated: {size: 0}}]}    | spec.dataPools[0].replicated.size: must be >=",
      })
  void badSpecsAreRefused(String kind, String spec, String problem) throws IOException {
    List<String> problems = check(kind, spec);
    assertTrue(
        problems.stream().anyMatch(p -> p.startsWith(problem)),
        "expected " + problem + ", got " + problems);
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "CephCluster    | {}",
        "CephCluster    | {external: {enable: true, monitors: [10.0.0.1:6789], adminSecretName: ceph-admin}}",
        "CephCluster    | {mon: {count: 1, allowMultiplePerNode: true}, storage: {directories: [{path: /var/lib/strata/osd0, size: 8Gi}]}}",
        "CephBlockPool  | {compressionMode: aggressive, storageClass: {enabled: true, name: rbd.fast, reclaimPolicy: Retain}}",
        "CephBlockPool  | {replicated: {size: 1, requireSafeReplicaSize: false}, failureDomain: osd}",
        "CephFilesystem | {metadataServer: {activeCount: 2}, dataPools: [{name: myfs-ssd, deviceClass: ssd}]}",
      })
  void goodSpecsPass(String kind, String spec) throws IOException {
    assertEquals(List.of(), check(kind, spec));
  }

  private static List<String> check(String kind, String spec) throws IOException {
    Class<? extends HasMetadata> type =
        GeneratedCrds.KINDS.stream().filter(k -> k.getSimpleName().equals(kind)).findFirst().get();
    return SchemaCheck.problems(YAML.readTree(spec), spec(type), "spec");
  }

  private static void assertRange(JsonNode spec, String path, int min, int max) {
    JsonNode field = at(spec, path);
    assertEquals("integer", field.path("type").asText(), path);
    assertEquals(min, field.path("minimum").asInt(), path + " minimum");
    assertEquals(max, field.path("maximum").asInt(), path + " maximum");
  }

  private static List<String> rules(JsonNode field) {
    List<String> rules = new ArrayList<>();
    field.path("x-kubernetes-validations").forEach(r -> rules.add(r.path("rule").asText()));
    assertFalse(rules.isEmpty(), "no x-kubernetes-validations");
    return rules;
  }

  private static List<String> columns(Class<? extends HasMetadata> kind) {
    List<String> columns = new ArrayList<>();
    GeneratedCrds.renderedTree(kind)
        .path("spec")
        .path("versions")
        .path(0)
        .path("additionalPrinterColumns")
        .forEach(c -> columns.add(c.path("name").asText() + " " + c.path("jsonPath").asText()));
    return columns;
  }

  private static JsonNode spec(Class<? extends HasMetadata> kind) {
    return GeneratedCrds.schema(kind).path("properties").path("spec");
  }

  /** The schema of a dotted path below an object schema, e.g. {@code mon.count}. */
  private static JsonNode at(JsonNode schema, String path) {
    JsonNode node = schema;
    for (String property : path.split("\\.")) {
      node = node.path("properties").path(property);
      if (node.isMissingNode()) {
        throw new AssertionError("no property " + path + " in the schema");
      }
    }
    return node;
  }
}
