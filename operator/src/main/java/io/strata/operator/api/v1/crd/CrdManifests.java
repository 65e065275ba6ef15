package io.strata.operator.api.v1.crd;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Turns what fabric8's CRD generator wrote from the compiled model ({@code
 * target/classes/META-INF/fabric8/<crd>-v1.yml}) into the CRD files of {@code
 * deploy/operator/crds/}. The build runs it in process-classes ({@code operator/pom.xml}); the
 * operator's unit tests run {@link #render} to find checked-in files that drifted from the model.
 *
 * <p>What the generator of fabric8 7 cannot be told, done here:
 *
 * <ul>
 *   <li>it sorts printer columns by JSON path: they are put in the order of {@link #COLUMNS},
 *       Rook's and the seed's ({@code NAME AVAIL USED CAPACITY STATUS ...});
 *   <li>it has no column for metadata: each kind gets Age ({@code .metadata.creationTimestamp});
 *   <li>it writes {@code priority: 0}, which the API server does not store (0 is the default):
 *       every {@code kubectl apply} then sent it again and printed the CRDs as "configured" with
 *       nothing changed. Priority is written only where it is not 0.
 * </ul>
 */
public final class CrdManifests {
  /** Per kind, the printer columns (their {@code @PrinterColumn} names) in display order. */
  static final Map<String, List<String>> COLUMNS =
      Map.of(
          "CephCluster",
          List.of("DataDirHostPath", "MonCount", "Phase", "Message", "Health"),
          "CephBlockPool",
          List.of("Avail", "Used", "Capacity", "Status", "Phase", "Message"),
          "CephFilesystem",
          List.of("Size", "Available", "Phase", "Message"));

  static final String HEADER =
      """
      # Generated from the classes of io.strata.operator.api.v1 by the build (fabric8's CRD
      # generator, then io.strata.operator.api.v1.crd.CrdManifests): do not edit. Regenerate with
      #   mvn -pl operator -am process-classes -Pupdate-crds
      """;

  private static final YAMLMapper YAML =
      YAMLMapper.builder(
              YAMLFactory.builder()
                  .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                  .disable(YAMLGenerator.Feature.SPLIT_LINES)
                  .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                  .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                  .build())
          .build();

  private CrdManifests() {}

  /**
   * {@code main(generatedDir, outputDir)}: writes each CRD of {@code generatedDir}, finished, to
   * {@code outputDir/<crd name>.yaml}.
   */
  public static void main(String[] args) throws IOException {
    if (args.length != 2) {
      throw new IllegalArgumentException("usage: CrdManifests <generated dir> <output dir>");
    }
    Path generated = Path.of(args[0]);
    Path output = Path.of(args[1]);
    Files.createDirectories(output);
    for (Path file : list(generated)) {
      if (file.getFileName().toString().endsWith("-v1.yml")) {
        Files.writeString(output.resolve(fileName(file)), render(Files.readString(file)));
      }
    }
  }

  /**
   * {@code cephclusters.ceph.strata.io-v1.yml} becomes {@code cephclusters.ceph.strata.io.yaml}.
   */
  public static String fileName(Path generated) {
    String name = generated.getFileName().toString();
    return name.substring(0, name.length() - "-v1.yml".length()) + ".yaml";
  }

  /** One generated v1 CRD as it is checked in: columns in order, Age added, header on top. */
  public static String render(String generatedYaml) {
    try {
      ObjectNode crd = (ObjectNode) YAML.readTree(generatedYaml);
      String kind = crd.path("spec").path("names").path("kind").asText();
      List<String> order = COLUMNS.get(kind);
      if (order == null) {
        throw new IllegalArgumentException("no column order for " + kind + " in CrdManifests");
      }
      for (JsonNode version : crd.path("spec").path("versions")) {
        ((ObjectNode) version).set("additionalPrinterColumns", columns(kind, version, order));
      }
      return HEADER + YAML.writeValueAsString(crd);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ArrayNode columns(String kind, JsonNode version, List<String> order) {
    Map<String, JsonNode> byName = new LinkedHashMap<>();
    for (JsonNode column : version.path("additionalPrinterColumns")) {
      JsonNode previous = byName.put(column.path("name").asText(), column);
      if (previous != null) {
        throw new IllegalStateException(kind + ": two columns " + column.path("name").asText());
      }
    }
    if (!byName.keySet().equals(Set.copyOf(order))) {
      throw new IllegalStateException(
          kind + ": @PrinterColumn names " + byName.keySet() + ", CrdManifests orders " + order);
    }
    ArrayNode columns = YAML.createArrayNode();
    for (String name : order) {
      ObjectNode column = (ObjectNode) byName.get(name);
      if (column.path("priority").asInt(0) == 0) {
        column.remove("priority");
      }
      columns.add(column);
    }
    columns
        .addObject()
        .put("jsonPath", ".metadata.creationTimestamp")
        .put("name", "Age")
        .put("type", "date");
    return columns;
  }

  private static List<Path> list(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
