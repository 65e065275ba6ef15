package io.strata.ceph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Reads the monitors' JSON answers about pools (Ceph 16 layouts); kept apart to test them. */
final class PoolJson {
  private static final ObjectMapper JSON = new ObjectMapper();

  private PoolJson() {}

  /** One pool's line of {@code df}: usage as the mgr last reported it (a few seconds old). */
  record DfPool(long id, long storedBytes, long objects, long maxAvailBytes) {}

  /**
   * The answer of {@code osd pool get <pool> all} as text values ("size" -> "3", "crush_rule" ->
   * "replicated_rule"). Options such as compression_mode appear only once they are set.
   */
  static Map<String, String> values(String getAllJson) {
    Map<String, String> values = new LinkedHashMap<>();
    read(getAllJson, "osd pool get all")
        .properties()
        .forEach(field -> values.put(field.getKey(), field.getValue().asText()));
    return values;
  }

  /** A pool's state from its {@code osd pool get all} values and its {@code df} line, if any. */
  static Pools.PoolState state(String name, Map<String, String> values, Optional<DfPool> usage) {
    return new Pools.PoolState(
        Long.parseLong(values.getOrDefault("pool_id", "-1")),
        name,
        Integer.parseInt(values.getOrDefault("size", "0")),
        values.get("crush_rule"),
        values.get("compression_mode"),
        usage.map(DfPool::storedBytes).orElse(0L),
        usage.map(DfPool::maxAvailBytes).orElse(0L));
  }

  static Optional<DfPool> dfPool(String dfJson, String pool) {
    for (JsonNode entry : read(dfJson, "df").path("pools")) {
      if (entry.path("name").asText().equals(pool)) {
        JsonNode stats = entry.path("stats");
        return Optional.of(
            new DfPool(
                entry.path("id").asLong(),
                stats.path("stored").asLong(),
                stats.path("objects").asLong(),
                stats.path("max_avail").asLong()));
      }
    }
    return Optional.empty();
  }

  /**
   * Whether a value Ceph reports equals the one we would set, the way Ceph parses it: "1" sets a
   * flag Ceph reports as true, and "0.50" a ratio it reports as 0.5.
   */
  static boolean sameValue(String current, String wanted) {
    if (current == null) {
      return false;
    }
    String have = current.strip();
    String want = wanted.strip();
    if (have.equalsIgnoreCase(want)) {
      return true;
    }
    if (have.equals("true") || have.equals("false")) {
      return want.equals(have.equals("true") ? "1" : "0");
    }
    try {
      return new BigDecimal(have).compareTo(new BigDecimal(want)) == 0;
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /**
   * Placement group counts by state from {@code pg ls-by-pool} (an object with {@code pg_stats};
   * older releases answer the bare array).
   */
  static Map<String, Integer> pgStates(String lsByPoolJson) {
    JsonNode root = read(lsByPoolJson, "pg ls-by-pool");
    JsonNode stats = root.isArray() ? root : root.path("pg_stats");
    Map<String, Integer> states = new TreeMap<>();
    for (JsonNode pg : stats) {
      states.merge(pg.path("state").asText("unknown"), 1, Integer::sum);
    }
    return states;
  }

  static JsonNode read(String json, String what) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new CephException("parse the answer of '" + what + "'", Errno.EIO.value(), null);
    }
  }
}
