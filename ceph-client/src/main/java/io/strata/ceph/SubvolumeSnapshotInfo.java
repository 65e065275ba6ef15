package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * What {@code fs subvolume snapshot info} tells about a subvolume snapshot.
 *
 * @param createdAt when the snapshot was taken (see {@link SubvolumeJson#timestamp} for the zone)
 * @param hasPendingClones whether clones from it are still pending or running; such a snapshot
 *     cannot be removed (EAGAIN)
 * @param dataPool the data pool of the snapshotted files
 */
public record SubvolumeSnapshotInfo(Instant createdAt, boolean hasPendingClones, String dataPool) {

  static SubvolumeSnapshotInfo parse(String output) {
    JsonNode info = SubvolumeJson.read(output);
    return new SubvolumeSnapshotInfo(
        SubvolumeJson.timestamp(info.path("created_at").asText("")),
        info.path("has_pending_clones").asText("no").equals("yes"),
        info.path("data_pool").asText(""));
  }
}
