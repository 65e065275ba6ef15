package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.strata.operator.api.v1.ResourceStatus;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Sets status conditions the Kubernetes way: one per type, transition time kept when unchanged. */
public final class Conditions {
  public static final String READY = "Ready";
  public static final String CEPH_REACHABLE = "CephReachable";
  public static final String DRIVER_INSTALLED = "DriverInstalled";
  public static final String DELETION_IS_BLOCKED = "DeletionIsBlocked";

  private Conditions() {}

  public static void set(
      ResourceStatus status,
      HasMetadata resource,
      String type,
      boolean value,
      String reason,
      String message) {
    String newStatus = value ? "True" : "False";
    Condition old =
        status.conditions.stream().filter(c -> c.getType().equals(type)).findFirst().orElse(null);
    String since =
        old != null && old.getStatus().equals(newStatus)
            ? old.getLastTransitionTime()
            : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    status.conditions.removeIf(c -> c.getType().equals(type));
    status.conditions.add(
        new ConditionBuilder()
            .withType(type)
            .withStatus(newStatus)
            .withReason(reason)
            .withMessage(message)
            .withObservedGeneration(resource.getMetadata().getGeneration())
            .withLastTransitionTime(since)
            .build());
  }
}
