package io.strata.controller;

import com.google.protobuf.Timestamp;
import csi.v1.Snapshot;
import csi.v1.Volume;
import csi.v1.VolumeContentSource;
import io.strata.controller.flow.ProvisionedVolume;
import io.strata.controller.flow.SnapshotInfo;
import io.strata.controller.flow.VolumeSource;
import io.strata.csi.CsiException;
import java.util.Optional;

/** Converts between CSI messages and the flows' own records. */
final class Messages {
  private Messages() {}

  static Volume volume(ProvisionedVolume volume) {
    Volume.Builder builder =
        Volume.newBuilder()
            .setVolumeId(volume.volumeId())
            .setCapacityBytes(volume.capacityBytes())
            .putAllVolumeContext(volume.context());
    volume.source().ifPresent(source -> builder.setContentSource(contentSource(source)));
    return builder.build();
  }

  static Snapshot snapshot(SnapshotInfo snapshot) {
    return Snapshot.newBuilder()
        .setSnapshotId(snapshot.snapshotId())
        .setSourceVolumeId(snapshot.sourceVolumeId())
        .setSizeBytes(snapshot.sizeBytes())
        .setCreationTime(
            Timestamp.newBuilder()
                .setSeconds(snapshot.createdAt().getEpochSecond())
                .setNanos(snapshot.createdAt().getNano()))
        .setReadyToUse(true)
        .build();
  }

  /** The request's content source; INVALID_ARGUMENT when it names neither kind or no id. */
  static Optional<VolumeSource> source(VolumeContentSource source, boolean present) {
    if (!present) {
      return Optional.empty();
    }
    VolumeSource parsed =
        switch (source.getTypeCase()) {
          case SNAPSHOT ->
              new VolumeSource(VolumeSource.Kind.SNAPSHOT, source.getSnapshot().getSnapshotId());
          case VOLUME ->
              new VolumeSource(VolumeSource.Kind.VOLUME, source.getVolume().getVolumeId());
          case TYPE_NOT_SET ->
              throw CsiException.invalidArgument(
                  "volume_content_source must name a snapshot or a volume");
        };
    if (parsed.id().isEmpty()) {
      throw CsiException.invalidArgument("volume_content_source has an empty id");
    }
    return Optional.of(parsed);
  }

  private static VolumeContentSource contentSource(VolumeSource source) {
    VolumeContentSource.Builder builder = VolumeContentSource.newBuilder();
    if (source.kind() == VolumeSource.Kind.SNAPSHOT) {
      builder.setSnapshot(
          VolumeContentSource.SnapshotSource.newBuilder().setSnapshotId(source.id()));
    } else {
      builder.setVolume(VolumeContentSource.VolumeSource.newBuilder().setVolumeId(source.id()));
    }
    return builder.build();
  }
}
