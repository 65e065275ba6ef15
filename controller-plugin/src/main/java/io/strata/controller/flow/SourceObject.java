package io.strata.controller.flow;

/**
 * A content source resolved to its Ceph object.
 *
 * @param objectName the source image or subvolume; for a snapshot, the snapshot's own object
 * @param volumeObject the volume a snapshot was cut from (the source itself for a volume)
 * @param depth copy-on-write parents the source already reads through
 */
public record SourceObject<P>(
    VolumeSource.Kind kind,
    P placement,
    String objectName,
    String volumeObject,
    long sizeBytes,
    int depth) {}
