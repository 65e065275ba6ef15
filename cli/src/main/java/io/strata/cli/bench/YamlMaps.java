package io.strata.cli.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** Flat YAML maps of strings: the parameters and secrets files, as csi-sanity takes them. */
final class YamlMaps {
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private YamlMaps() {}

  /**
   * Reads {@code key: value} lines; numbers and booleans become their text.
   *
   * @throws IOException when the file is no map, or a value is a list or map
   */
  static Map<String, String> read(Path file) throws IOException {
    JsonNode root = YAML.readTree(file.toFile());
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Map.of();
    }
    if (!root.isObject()) {
      throw new IOException(file + " is not a map of key: value lines");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (var field : root.properties()) {
      if (!field.getValue().isValueNode()) {
        throw new IOException(file + ": the value of " + field.getKey() + " is not a string");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    return values;
  }
}
