package io.strata.node;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.attach.ImageSpec;
import io.strata.node.state.AccessType;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated NodeStageVolume request in the project's own terms. The connection holds the key; its
 * toString does not.
 *
 * @param mounter the StorageClass {@code mounter}, blank for auto-detection
 */
public record StageParams(
    String volumeId,
    Path stagingPath,
    String clusterId,
    ImageSpec image,
    ConnectionSpec connection,
    String mounter,
    String mapOptions,
    String mkfsOptions,
    AccessType accessType,
    String fsType,
    List<String> mountFlags,
    boolean readOnly) {

  public StageParams {
    mountFlags = List.copyOf(mountFlags);
  }
}
