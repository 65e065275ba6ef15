package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The cluster's CephFS filesystems, as the monitors' FSMap describes them. */
public final class Filesystems {
  private final CephConnection connection;

  public Filesystems(CephConnection connection) {
    this.connection = connection;
  }

  /**
   * A filesystem: its fscid (stable while it exists), name and pools.
   *
   * @param dataPoolIds the first is the default data pool
   */
  public record Filesystem(long id, String name, long metadataPoolId, List<Long> dataPoolIds) {}

  public List<Filesystem> list() {
    JsonNode dump = connection.monCommand(Map.of("prefix", "fs dump")).outputAs(JsonNode.class);
    List<Filesystem> found = new ArrayList<>();
    for (JsonNode fs : dump.path("filesystems")) {
      JsonNode mdsmap = fs.path("mdsmap");
      List<Long> dataPools = new ArrayList<>();
      mdsmap.path("data_pools").forEach(pool -> dataPools.add(pool.asLong()));
      found.add(
          new Filesystem(
              fs.path("id").asLong(),
              mdsmap.path("fs_name").asText(),
              mdsmap.path("metadata_pool").asLong(),
              dataPools));
    }
    return found;
  }

  public Optional<Filesystem> byName(String name) {
    return list().stream().filter(fs -> fs.name().equals(name)).findFirst();
  }

  public Optional<Filesystem> byId(long id) {
    return list().stream().filter(fs -> fs.id() == id).findFirst();
  }
}
