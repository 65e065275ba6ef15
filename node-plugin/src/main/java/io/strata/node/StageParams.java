package io.strata.node;

import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ConnectionSpec;
import io.strata.node.state.AccessType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A validated NodeStageVolume request in the project's own terms, as far as every backend reads it;
 * each backend reads its own keys of {@code context}. The connection holds the key; its toString
 * does not.
 *
 * @param context the request's volume_context (no secrets)
 * @param fsType the filesystem to format with, empty for block access and for backends that are a
 *     filesystem of their own
 */
public record StageParams(
    String volumeId,
    Path stagingPath,
    ClusterConfig cluster,
    ConnectionSpec connection,
    Map<String, String> context,
    AccessType accessType,
    String fsType,
    List<String> mountFlags,
    boolean readOnly) {

  public StageParams {
    context = Map.copyOf(context);
    mountFlags = List.copyOf(mountFlags);
  }

  public String clusterId() {
    return cluster.clusterId();
  }
}
