package io.strata.operator.api.v1;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the API server's structural-schema validation would say about a value, for the checks
 * fabric8's generator emits: types, int-or-string, unknown fields (which the server prunes without
 * a word, so they count as problems here), required, enum, minimum, maximum, pattern. CEL rules
 * ({@code x-kubernetes-validations}) are not evaluated: {@code CrdSchemaTest} checks that they are
 * there. Nulls are skipped, as the server drops them for non-nullable fields.
 */
final class SchemaCheck {
  private final List<String> problems = new ArrayList<>();

  private SchemaCheck() {}

  /** The problems with {@code value} at {@code path} under {@code schema}; empty when it passes. */
  static List<String> problems(JsonNode value, JsonNode schema, String path) {
    SchemaCheck check = new SchemaCheck();
    check.check(value, schema, path);
    return check.problems;
  }

  private void check(JsonNode value, JsonNode schema, String path) {
    if (value == null || value.isNull()) {
      return;
    }
    if (schema.path("x-kubernetes-int-or-string").asBoolean()) {
      require(value.isIntegralNumber() || value.isTextual(), path, "must be an integer or string");
      return;
    }
    boolean preserve = schema.path("x-kubernetes-preserve-unknown-fields").asBoolean();
    switch (schema.path("type").asText(preserve ? "" : "missing")) {
      case "object" -> object(value, schema, path, preserve);
      case "array" -> {
        if (require(value.isArray(), path, "must be an array")) {
          for (int i = 0; i < value.size(); i++) {
            check(value.get(i), schema.path("items"), path + "[" + i + "]");
          }
        }
      }
      case "string" -> {
        if (require(value.isTextual(), path, "must be a string")) {
          string(value.asText(), schema, path);
        }
      }
      case "integer" -> {
        if (require(value.isIntegralNumber(), path, "must be an integer")) {
          range(value.asDouble(), schema, path);
        }
      }
      case "number" -> {
        if (require(value.isNumber(), path, "must be a number")) {
          range(value.asDouble(), schema, path);
        }
      }
      case "boolean" -> require(value.isBoolean(), path, "must be a boolean");
      case "" -> {
        // preserved as written
      }
      default -> problems.add(path + ": schema without a type");
    }
  }

  private void object(JsonNode value, JsonNode schema, String path, boolean preserve) {
    if (!require(value.isObject(), path, "must be an object")) {
      return;
    }
    JsonNode properties = schema.path("properties");
    JsonNode additional = schema.path("additionalProperties");
    for (Map.Entry<String, JsonNode> field : value.properties()) {
      String at = path + "." + field.getKey();
      if (properties.has(field.getKey())) {
        check(field.getValue(), properties.get(field.getKey()), at);
      } else if (additional.isObject()) {
        check(field.getValue(), additional, at);
      } else if (!preserve) {
        problems.add(at + ": unknown field (the API server would drop it)");
      }
    }
    for (JsonNode required : schema.path("required")) {
      require(value.has(required.asText()), path + "." + required.asText(), "is required");
    }
  }

  private void string(String text, JsonNode schema, String path) {
    if (schema.has("enum")) {
      boolean listed = false;
      for (JsonNode allowed : schema.get("enum")) {
        listed |= allowed.asText().equals(text);
      }
      require(listed, path, "\"" + text + "\" is not one of " + schema.get("enum"));
    }
    if (schema.has("pattern")) {
      // Go's regexp.MatchString, as the API server uses it, finds the pattern anywhere
      require(
          Pattern.compile(schema.get("pattern").asText()).matcher(text).find(),
          path,
          "\"" + text + "\" does not match " + schema.get("pattern").asText());
    }
  }

  private void range(double number, JsonNode schema, String path) {
    if (schema.has("minimum")) {
      require(
          number >= schema.get("minimum").asDouble(), path, "must be >= " + schema.get("minimum"));
    }
    if (schema.has("maximum")) {
      require(
          number <= schema.get("maximum").asDouble(), path, "must be <= " + schema.get("maximum"));
    }
  }

  private boolean require(boolean condition, String path, String problem) {
    if (!condition) {
      problems.add(path + ": " + problem);
    }
    return condition;
  }
}
