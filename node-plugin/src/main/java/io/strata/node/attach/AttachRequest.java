package io.strata.node.attach;

import io.strata.ceph.ConnectionSpec;
import java.util.Objects;

/**
 * What an attacher needs to turn an image into a block device.
 *
 * @param volumeKey a short, path-safe key of the volume (names fuse mount points and logs)
 * @param mapOptions the StorageClass {@code mapOptions}, see {@link MapOptions}
 */
public record AttachRequest(
    String volumeKey,
    ImageSpec image,
    ConnectionSpec connection,
    String mapOptions,
    boolean readOnly) {
  public AttachRequest {
    Objects.requireNonNull(volumeKey, "volumeKey");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(connection, "connection");
    mapOptions = mapOptions == null ? "" : mapOptions;
  }
}
