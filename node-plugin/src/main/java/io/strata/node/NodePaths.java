package io.strata.node;

import io.strata.csi.CsiException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The rule for every path a node request names: absolute and already in normal form. The plugin
 * acts on exactly the path the CO sent; normalising it first would turn {@code /tmp/../etc} into
 * {@code /etc} and mount over that. Checked before anything on disk is touched.
 */
final class NodePaths {
  private NodePaths() {}

  /** A path the plugin creates, mounts on or removes (staging_target_path, target_path). */
  static Path required(String value, String field) {
    String text = NodeRequests.required(value, field);
    if (!text.startsWith("/")) {
      throw notNormal(field, text);
    }
    return normal(text, field);
  }

  /** An optional path field: empty when unset, else held to the same rule. */
  static Optional<Path> optional(String value, String field) {
    return value.isEmpty() ? Optional.empty() : Optional.of(required(value, field));
  }

  /**
   * The path of a volume the node already serves (stats, expand). A relative path cannot be one, so
   * it is NOT_FOUND (as csi-sanity expects); an absolute one that is not in normal form is a
   * malformed request like any other.
   */
  static Path served(String value, String field) {
    String text = NodeRequests.required(value, field);
    if (!text.startsWith("/")) {
      throw CsiException.notFound("no volume is served at " + field + " " + text);
    }
    return normal(text, field);
  }

  private static Path normal(String text, String field) {
    // Path.of drops repeated and trailing slashes, normalize() drops . and ..: any change means
    // the text was not the path itself
    if (text.indexOf('\0') < 0 && Path.of(text).normalize().toString().equals(text)) {
      return Path.of(text);
    }
    throw notNormal(field, text);
  }

  private static CsiException notNormal(String field, String text) {
    return CsiException.invalidArgument(
        field
            + " must be an absolute, normalised path (no '.' or '..' segments, no repeated or"
            + " trailing '/'), not '"
            + text.replace('\0', '?')
            + "'");
  }
}
