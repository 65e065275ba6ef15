package io.strata.csi.id;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The id a volume or snapshot carries through Kubernetes, from which every later call finds its
 * Ceph object without a lookup table. Layout (printable, at most 128 bytes as CSI demands):
 *
 * <pre>
 *   01-0024-b9127830-b0cc-4e34-aa47-9d1a2e9949a8-0000000000000002-0f8e1a10-...-9c3b5e61d2a4
 *   |  |    |                                    |                |
 *   |  |    clusterID (length given before it)   |                uuid: journal key, 36 chars
 *   |  length of clusterID, 4 hex digits         location: pool id (rbd) or fscid (cephfs),
 *   version, 2 hex digits                                  16 hex digits
 * </pre>
 *
 * Decoding checks every field, so a malformed id is recognised as such and never reaches Ceph.
 */
public record CsiId(String clusterId, long locationId, UUID uuid) {
  public static final int MAX_LENGTH = 128;
  private static final int VERSION = 1;
  // 2 (version) + 4 (length) + 16 (location) + 36 (uuid) + 4 separators
  private static final int FIXED_LENGTH = 62;
  public static final int MAX_CLUSTER_ID_LENGTH = MAX_LENGTH - FIXED_LENGTH;
  private static final Pattern CLUSTER_ID = Pattern.compile("[A-Za-z0-9._-]+");
  private static final Pattern LAYOUT =
      Pattern.compile(
          "([0-9a-f]{2})-([0-9a-f]{4})-(.+)-([0-9a-f]{16})-"
              + "([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})");

  public CsiId {
    if (!isValidClusterId(clusterId)) {
      throw new IllegalArgumentException(
          "clusterID must be 1 to "
              + MAX_CLUSTER_ID_LENGTH
              + " characters of letters, digits, '.', '_' and '-'");
    }
    if (locationId < 0) {
      throw new IllegalArgumentException("location id must not be negative");
    }
  }

  public static boolean isValidClusterId(String clusterId) {
    return clusterId != null
        && clusterId.length() <= MAX_CLUSTER_ID_LENGTH
        && CLUSTER_ID.matcher(clusterId).matches();
  }

  public String encode() {
    return String.format(
        "%02x-%04x-%s-%016x-%s", VERSION, clusterId.length(), clusterId, locationId, uuid);
  }

  /** Empty for anything that is not an id this codec wrote. */
  public static Optional<CsiId> decode(String id) {
    if (id == null || id.length() > MAX_LENGTH) {
      return Optional.empty();
    }
    Matcher m = LAYOUT.matcher(id);
    if (!m.matches() || Integer.parseInt(m.group(1), 16) != VERSION) {
      return Optional.empty();
    }
    String clusterId = m.group(3);
    if (Integer.parseInt(m.group(2), 16) != clusterId.length() || !isValidClusterId(clusterId)) {
      return Optional.empty();
    }
    long location = Long.parseUnsignedLong(m.group(4), 16);
    if (location < 0) {
      return Optional.empty();
    }
    return Optional.of(new CsiId(clusterId, location, UUID.fromString(m.group(5))));
  }

  @Override
  public String toString() {
    return encode();
  }
}
