package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cluster's health as the monitors see it, and its raw capacity.
 *
 * @param status "HEALTH_OK", "HEALTH_WARN" or "HEALTH_ERR"
 * @param checks each failing check's code ("MDS_ALL_DOWN") and Ceph's summary of it
 * @param totalBytes raw bytes of all OSDs, before replication; {@code usedBytes} and {@code
 *     availableBytes} likewise, from {@code df}
 */
public record Health(
    String status,
    Map<String, String> checks,
    String fsid,
    long totalBytes,
    long usedBytes,
    long availableBytes) {
  public static final String OK = "HEALTH_OK";

  public Health {
    checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
  }

  public boolean ok() {
    return OK.equals(status);
  }

  /** From the JSON answers of the mon commands {@code health} and {@code df}. */
  static Health parse(String fsid, String healthJson, String dfJson) {
    JsonNode health = PoolJson.read(healthJson, "health");
    Map<String, String> checks = new LinkedHashMap<>();
    health
        .path("checks")
        .properties()
        .forEach(check ->
            checks.put(check.getKey(), check.getValue().path("summary").path("message").asText()));
    JsonNode stats = PoolJson.read(dfJson, "df").path("stats");
    return new Health(
        health.path("status").asText("UNKNOWN"),
        checks,
        fsid,
        stats.path("total_bytes").asLong(),
        stats.path("total_used_raw_bytes").asLong(),
        stats.path("total_avail_bytes").asLong());
  }
}
