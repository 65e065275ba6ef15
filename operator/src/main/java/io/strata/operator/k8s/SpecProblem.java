package io.strata.operator.k8s;

/**
 * Something the user must change (a missing Secret, a pool too small for its spec): reported in
 * status and as a Warning Event with {@link #reason()}, then retried with back-off.
 */
public final class SpecProblem extends RuntimeException {
  private final String reason;

  public SpecProblem(String reason, String message) {
    super(message);
    this.reason = reason;
  }

  /** A CamelCase word for the condition and the Event, e.g. AdminSecretMissing. */
  public String reason() {
    return reason;
  }
}
