package io.strata.node.state;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.Attachment;
import io.strata.node.attach.ImageSpec;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What NodeStageVolume did, kept on disk so NodeUnstageVolume can undo it without the cluster and a
 * restarted plugin knows its volumes: the attachment (method, device, image, rbd-fuse mount point
 * and pid) and how the device is used (access type, filesystem, mount flags).
 *
 * @param format layout version of this record, for readers of older files
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StageRecord(
    int format,
    String volumeId,
    String stagingPath,
    String clusterId,
    AccessType accessType,
    String fsType,
    List<String> mountFlags,
    boolean readOnly,
    String method,
    String device,
    String pool,
    String namespace,
    String image,
    String fuseMountPoint,
    long daemonPid,
    String stagedAt)
    implements VolumeRecord {

  public static final int FORMAT = 1;

  public StageRecord {
    Objects.requireNonNull(volumeId, "volumeId");
    Objects.requireNonNull(stagingPath, "stagingPath");
    Objects.requireNonNull(accessType, "accessType");
    mountFlags = mountFlags == null ? List.of() : List.copyOf(mountFlags);
    fsType = fsType == null ? "" : fsType;
  }

  /** A record for a volume just attached and about to be formatted/mounted or bound. */
  public static StageRecord of(
      String volumeId,
      Path stagingPath,
      String clusterId,
      AccessType accessType,
      String fsType,
      List<String> mountFlags,
      boolean readOnly,
      Attachment attachment) {
    ImageSpec image = attachment.image();
    return new StageRecord(
        FORMAT,
        volumeId,
        stagingPath.toString(),
        clusterId,
        accessType,
        fsType,
        mountFlags,
        readOnly,
        attachment.method().parameter(),
        attachment.device(),
        image.pool(),
        image.namespace(),
        image.image(),
        attachment.fuseMountPoint() == null ? null : attachment.fuseMountPoint().toString(),
        attachment.daemonPid(),
        Instant.now().toString());
  }

  public Attachment attachment() {
    AttachMethod attachMethod =
        AttachMethod.fromParameter(method)
            .orElseThrow(() ->
                new IllegalStateException(
                    "stage record of " + volumeId + " names unknown attach method " + method));
    return new Attachment(
        attachMethod,
        device,
        new ImageSpec(pool, namespace, image),
        fuseMountPoint == null ? null : Path.of(fuseMountPoint),
        daemonPid);
  }

  public Path staging() {
    return Path.of(stagingPath);
  }

  /** The same record with the attachment replaced (after a re-attach). */
  public StageRecord withAttachment(Attachment attachment) {
    return of(volumeId, staging(), clusterId, accessType, fsType, mountFlags, readOnly, attachment);
  }
}
