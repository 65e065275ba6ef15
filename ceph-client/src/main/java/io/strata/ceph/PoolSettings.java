package io.strata.ceph;

import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What a replicated pool should look like, as {@link Pools#ensure} makes it. Checked when built, so
 * a spec that cannot be right never reaches Ceph.
 *
 * @param name the pool
 * @param size replicas, 1 to 10
 * @param requireSafeReplicaSize refuse size 1 (as Rook does): a single copy loses data with its
 *     disk
 * @param failureDomain CRUSH bucket type the replicas are spread over ("host", "osd", "rack",
 *     "root"...); null with a null deviceClass keeps Ceph's default rule
 * @param deviceClass only OSDs of this class ("hdd", "ssd", "nvme"), or null for any
 * @param compressionMode none, passive, aggressive or force; null leaves the pool's setting alone
 * @param parameters further {@code osd pool set <pool> <key> <value>} pairs ("min_size" overrides
 *     Ceph's default of size - size/2); never null
 * @param application "rbd", "cephfs" or "rgw" to enable on the pool, or null
 */
public record PoolSettings(
    String name,
    int size,
    boolean requireSafeReplicaSize,
    String failureDomain,
    String deviceClass,
    String compressionMode,
    Map<String, String> parameters,
    String application) {

  static final Set<String> COMPRESSION_MODES = Set.of("none", "passive", "aggressive", "force");
  static final Set<String> APPLICATIONS = Set.of("rbd", "cephfs", "rgw");

  /** What CRUSH accepts in a type, class and rule name (CrushWrapper::is_valid_crush_name). */
  private static final Pattern CRUSH_NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /** Keys that have their own field, so two values could contradict each other. */
  private static final Set<String> OWN_FIELDS = Set.of("size", "crush_rule", "compression_mode");

  public PoolSettings {
    // a CRD's empty string means "not set", as null does
    failureDomain = blankToNull(failureDomain);
    deviceClass = blankToNull(deviceClass);
    compressionMode = blankToNull(compressionMode);
    application = blankToNull(application);
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("pool name is required");
    }
    if (size < 1 || size > 10) {
      throw new IllegalArgumentException("pool " + name + ": size must be 1 to 10, not " + size);
    }
    if (size == 1 && requireSafeReplicaSize) {
      throw new IllegalArgumentException(
          "pool "
              + name
              + ": size 1 keeps a single copy of the data; use size 2 or more, or set"
              + " requireSafeReplicaSize to false to accept losing data with one disk");
    }
    checkCrushName(name, "failureDomain", failureDomain);
    checkCrushName(name, "deviceClass", deviceClass);
    if ((failureDomain != null || deviceClass != null) && !CRUSH_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "pool " + name + ": its CRUSH rule is named after it, so use letters, digits and _.-");
    }
    if (compressionMode != null && !COMPRESSION_MODES.contains(compressionMode)) {
      throw new IllegalArgumentException(
          "pool " + name + ": compressionMode must be one of " + new TreeSet<>(COMPRESSION_MODES));
    }
    if (application != null && !APPLICATIONS.contains(application)) {
      throw new IllegalArgumentException(
          "pool " + name + ": application must be rbd, cephfs or rgw, not '" + application + "'");
    }
    // sorted, so the pool is set in the same order every time
    parameters =
        parameters == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(parameters));
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      if (OWN_FIELDS.contains(parameter.getKey())) {
        throw new IllegalArgumentException(
            "pool " + name + ": set " + parameter.getKey() + " with its own field, not parameters");
      }
      if (parameter.getValue() == null || parameter.getValue().isBlank()) {
        throw new IllegalArgumentException(
            "pool " + name + ": parameter " + parameter.getKey() + " needs a value");
      }
    }
    String minSize = parameters.get("min_size");
    if (minSize != null && !validMinSize(minSize, size)) {
      throw new IllegalArgumentException(
          "pool " + name + ": min_size must be a number from 1 to size (" + size + ")");
    }
  }

  /** Whether the pool needs a CRUSH rule of its own rather than Ceph's default one. */
  public boolean customCrushRule() {
    return failureDomain != null || deviceClass != null;
  }

  /** min_size: the "min_size" parameter, else Ceph's default for the size (size - size/2). */
  public int minSize() {
    String wanted = parameters.get("min_size");
    return wanted == null ? size - size / 2 : Integer.parseInt(wanted.strip());
  }

  private static boolean validMinSize(String value, int size) {
    if (!value.strip().matches("\\d{1,2}")) {
      return false;
    }
    int minSize = Integer.parseInt(value.strip());
    return minSize >= 1 && minSize <= size;
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static void checkCrushName(String pool, String field, String value) {
    if (value != null && !CRUSH_NAME.matcher(value).matches()) {
      throw new IllegalArgumentException(
          "pool "
              + pool
              + ": "
              + field
              + " '"
              + value
              + "' is no CRUSH name (letters, digits, _.-)");
    }
  }
}
