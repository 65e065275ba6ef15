package io.strata.controller.flow;

import java.time.Instant;

/** A snapshot as CreateSnapshot, ListSnapshots and GetSnapshot report it. */
public record SnapshotInfo(
    String snapshotId, String sourceVolumeId, long sizeBytes, Instant createdAt) {}
