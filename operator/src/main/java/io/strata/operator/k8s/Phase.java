package io.strata.operator.k8s;

/** The values of status.phase. */
public enum Phase {
  Progressing,
  Ready,
  Failure,
  Deleting
}
