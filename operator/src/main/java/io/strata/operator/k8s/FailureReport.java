package io.strata.operator.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.OperatorException;
import io.strata.ceph.CephException;
import io.strata.operator.api.v1.ResourceStatus;

/**
 * Puts a failed reconcile into status and an Event: the phase, a Ready=False condition whose reason
 * says what kind of problem it is, and the message. The reconcile is retried with back-off.
 */
public final class FailureReport {
  private final EventRecorder events;

  public FailureReport(EventRecorder events) {
    this.events = events;
  }

  public void report(HasMetadata resource, ResourceStatus status, Exception thrown) {
    Throwable failure = unwrapped(thrown);
    String reason = reason(failure);
    String message = failure.getMessage() == null ? failure.toString() : failure.getMessage();
    status.phase = Phase.Failure.name();
    status.message = message;
    Conditions.set(status, resource, Conditions.READY, false, reason, message);
    events.warning(resource, reason, message);
  }

  /** The Operator SDK wraps what a reconciler throws; the user needs the original. */
  private static Throwable unwrapped(Exception thrown) {
    Throwable failure = thrown;
    while (failure instanceof OperatorException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }

  private static String reason(Throwable failure) {
    if (failure instanceof SpecProblem problem) {
      return problem.reason();
    }
    if (failure instanceof IllegalArgumentException) {
      return "InvalidSpec";
    }
    if (failure instanceof CephException) {
      return "CephError";
    }
    return "ReconcileFailed";
  }
}
