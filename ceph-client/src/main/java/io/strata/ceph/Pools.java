package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** Pools as the monitors report them: which exist, what they serve, how much room is left. */
public final class Pools {
  private final CephConnection connection;

  public Pools(CephConnection connection) {
    this.connection = connection;
  }

  /** A pool and the applications enabled on it ("rbd", "cephfs", ...). */
  public record Pool(long id, String name, List<String> applications) {}

  public List<Pool> list() {
    JsonNode pools =
        connection
            .monCommand(java.util.Map.of("prefix", "osd pool ls", "detail", "detail"))
            .outputAs(JsonNode.class);
    List<Pool> found = new ArrayList<>();
    for (JsonNode pool : pools) {
      List<String> applications = new ArrayList<>();
      pool.path("application_metadata").fieldNames().forEachRemaining(applications::add);
      found.add(
          new Pool(pool.path("pool_id").asLong(), pool.path("pool_name").asText(), applications));
    }
    return found;
  }

  /** Bytes that can still be written to a pool (after replication), as {@code ceph df} says. */
  public OptionalLong maxAvailable(String poolName) {
    JsonNode df = connection.monCommand(java.util.Map.of("prefix", "df")).outputAs(JsonNode.class);
    for (JsonNode pool : df.path("pools")) {
      if (pool.path("name").asText().equals(poolName)) {
        return OptionalLong.of(pool.path("stats").path("max_avail").asLong());
      }
    }
    return OptionalLong.empty();
  }
}
