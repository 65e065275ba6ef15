package io.strata.controller.flow;

import java.util.Map;
import java.util.Optional;

/**
 * A validated CreateVolume, in the project's own terms.
 *
 * @param readOnly whether every requested access mode is a reader-only one
 * @param mutableParameters QoS and the like, which ControllerModifyVolume may change later
 * @param sizeBytes the size to create, already rounded and within the request's limits; 0 when the
 *     request left it open and a content source decides it
 */
public record VolumeRequest(
    String name,
    String clusterId,
    long sizeBytes,
    long limitBytes,
    Optional<VolumeSource> source,
    boolean readOnly,
    Map<String, String> parameters,
    Map<String, String> mutableParameters,
    Map<String, String> secrets) {
  public VolumeRequest {
    parameters = Map.copyOf(parameters);
    mutableParameters = Map.copyOf(mutableParameters);
    secrets = Map.copyOf(secrets);
  }

  @Override
  public String toString() {
    return "VolumeRequest[name=" + name + ", clusterId=" + clusterId + ", size=" + sizeBytes + "]";
  }
}
