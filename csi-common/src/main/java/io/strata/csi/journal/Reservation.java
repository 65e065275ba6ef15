package io.strata.csi.journal;

import java.util.Map;
import java.util.UUID;

/**
 * A request name's claim on a uuid and the Ceph object named after it.
 *
 * @param objectName image or subvolume name; null when a crash left only the directory key
 * @param attributes what the caller recorded at reserve time (size, source, parameters)
 */
public record Reservation(
    UUID uuid, String requestName, String objectName, Map<String, String> attributes) {
  public Reservation {
    attributes = Map.copyOf(attributes);
  }

  /** False when only the directory key was written: the retried request must complete it. */
  public boolean isComplete() {
    return objectName != null;
  }

  public String attribute(String key) {
    return attributes.get(key);
  }
}
