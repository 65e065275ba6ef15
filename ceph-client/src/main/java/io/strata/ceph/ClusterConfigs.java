package io.strata.ceph;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The clusters a plugin may serve, read once from the cluster configuration file. */
public final class ClusterConfigs {
  private final Map<String, ClusterConfig> byId;

  public ClusterConfigs(List<ClusterConfig> clusters) {
    Map<String, ClusterConfig> map = new LinkedHashMap<>();
    for (ClusterConfig cluster : clusters) {
      if (map.put(cluster.clusterId(), cluster) != null) {
        throw new IllegalArgumentException("clusterID " + cluster.clusterId() + " appears twice");
      }
    }
    this.byId = Map.copyOf(map);
  }

  public static ClusterConfigs read(Path file) throws IOException {
    try {
      List<ClusterConfig> clusters =
          new ObjectMapper().readValue(file.toFile(), new TypeReference<List<ClusterConfig>>() {});
      return new ClusterConfigs(clusters);
    } catch (IllegalArgumentException e) {
      throw new IOException("invalid cluster config " + file + ": " + e.getMessage(), e);
    }
  }

  public Optional<ClusterConfig> find(String clusterId) {
    return Optional.ofNullable(byId.get(clusterId));
  }

  public Collection<ClusterConfig> all() {
    return byId.values();
  }
}
