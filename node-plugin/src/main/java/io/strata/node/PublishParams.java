package io.strata.node;

import io.strata.node.state.AccessType;
import java.nio.file.Path;
import java.util.List;

/** A validated NodePublishVolume request. */
public record PublishParams(
    String volumeId,
    Path stagingPath,
    Path targetPath,
    AccessType accessType,
    List<String> mountFlags,
    boolean readOnly) {

  public PublishParams {
    mountFlags = List.copyOf(mountFlags);
  }
}
