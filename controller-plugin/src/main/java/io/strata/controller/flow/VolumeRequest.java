package io.strata.controller.flow;

import java.util.Map;

/**
 * A validated CreateVolume, in the project's own terms.
 *
 * @param sizeBytes the size to create, already rounded and within the request's limits
 */
public record VolumeRequest(
    String name,
    String clusterId,
    long sizeBytes,
    long limitBytes,
    Map<String, String> parameters,
    Map<String, String> secrets) {
  public VolumeRequest {
    parameters = Map.copyOf(parameters);
    secrets = Map.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "VolumeRequest[name=" + name + ", clusterId=" + clusterId + ", size=" + sizeBytes + "]";
  }
}
