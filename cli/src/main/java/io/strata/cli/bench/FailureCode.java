package io.strata.cli.bench;

import io.grpc.StatusRuntimeException;
import io.strata.ceph.CephException;

/** The short name a report counts a failure under. */
final class FailureCode {
  private FailureCode() {}

  /** The gRPC code, the errno name of a Ceph failure, or the exception's class name. */
  static String of(Throwable failure) {
    if (failure instanceof StatusRuntimeException grpc) {
      return grpc.getStatus().getCode().name();
    }
    if (failure instanceof CephException ceph) {
      return ceph.kind().name();
    }
    return failure.getClass().getSimpleName();
  }
}
