package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** Reading the volumes module's JSON answers, whose values are not always of one type. */
final class SubvolumeJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  // Python's str(datetime): "2026-11-25 00:45:57.660676", or without the fraction when it is 0
  private static final DateTimeFormatter PYTHON_DATETIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS]");

  private SubvolumeJson() {}

  /**
   * The answer as JSON. An empty answer is an error: librados reports a mgr command that timed out
   * with no output and a positive ETIMEDOUT, which reads as success unless checked.
   */
  static JsonNode read(String output) {
    JsonNode node;
    try {
      node = JSON.readTree(output);
    } catch (IOException e) {
      throw new CephException("parse volumes module answer", e);
    }
    if (node == null || !node.isContainerNode()) {
      throw new CephException(
          "read volumes module answer", Errno.EIO.value(), "no JSON in '" + output.strip() + "'");
    }
    return node;
  }

  /** A byte count, or 0 for Ceph's "infinite" (no quota). */
  static long bytes(JsonNode value) {
    if (value.isNumber()) {
      return value.asLong();
    }
    String text = value.asText("");
    if (text.equals("infinite") || text.isEmpty()) {
      return 0;
    }
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new CephException("parse byte count '" + text + "'", e);
    }
  }

  /**
   * A timestamp the mgr printed in its local time zone, read as UTC: Ceph daemons run in UTC
   * wherever they run in containers, and the answer carries no zone to read instead.
   */
  static Instant timestamp(String text) {
    try {
      return LocalDateTime.parse(text.strip(), PYTHON_DATETIME).toInstant(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      throw new CephException("parse timestamp '" + text + "'", e);
    }
  }
}
