package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code fs subvolume info} tells about a subvolume.
 *
 * @param path the absolute path inside the filesystem, what clients mount
 * @param bytesQuota the quota in bytes, 0 when the subvolume has none
 * @param bytesUsed bytes its files hold (the recursive size Ceph keeps)
 * @param dataPool the data pool its files go to
 * @param state "complete" for a usable subvolume; a clone may be "pending", "in-progress", "failed"
 *     or "canceled", a removed subvolume whose snapshots were kept "snapshot-retained"
 * @param features what this subvolume version supports ("snapshot-clone", "snapshot-autoprotect",
 *     "snapshot-retention")
 */
public record SubvolumeInfo(
    String path,
    long bytesQuota,
    long bytesUsed,
    String dataPool,
    String state,
    List<String> features) {

  public SubvolumeInfo {
    features = List.copyOf(features);
  }

  public boolean isComplete() {
    return state.equals("complete");
  }

  static SubvolumeInfo parse(String output) {
    JsonNode info = SubvolumeJson.read(output);
    List<String> features = new ArrayList<>();
    info.path("features").forEach(f -> features.add(f.asText()));
    return new SubvolumeInfo(
        info.path("path").asText(""),
        SubvolumeJson.bytes(info.path("bytes_quota")),
        SubvolumeJson.bytes(info.path("bytes_used")),
        info.path("data_pool").asText(""),
        info.path("state").asText(""),
        features);
  }
}
