package io.strata.controller.flow;

import io.grpc.Status;
import io.strata.csi.CsiException;

/**
 * Ceph is still working on the object (an asynchronous CephFS clone): ABORTED, so the CO retries,
 * and never undone, so the retry finds the work further along.
 */
public final class InProgress extends CsiException {
  public InProgress(String message) {
    super(Status.Code.ABORTED, message);
  }
}
