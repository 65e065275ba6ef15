package io.strata.ceph;

import java.util.Arrays;

/** Where an asynchronous subvolume clone is, as {@code fs clone status} names it. */
public enum CloneState {
  PENDING("pending"),
  IN_PROGRESS("in-progress"),
  COMPLETE("complete"),
  FAILED("failed"),
  CANCELED("canceled");

  private final String cephName;

  CloneState(String cephName) {
    this.cephName = cephName;
  }

  /** Whether the clone will not change any more: COMPLETE, FAILED or CANCELED. */
  public boolean isFinal() {
    return this == COMPLETE || this == FAILED || this == CANCELED;
  }

  static CloneState of(String cephName) {
    return Arrays.stream(values())
        .filter(s -> s.cephName.equals(cephName))
        .findFirst()
        .orElseThrow(
            () -> new CephException("parse clone state", Errno.EIO.value(), "'" + cephName + "'"));
  }
}
