package io.strata.csi;

import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.strata.ceph.CephException;
import io.strata.ceph.ManagerBusyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place a failure becomes a gRPC status. Clients get a code they can act on and a message
 * without stack traces; unexpected failures are logged here with their trace.
 */
public final class Failures {
  private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

  private Failures() {}

  public static Status toStatus(Throwable failure) {
    if (failure instanceof CsiException e) {
      return Status.fromCode(e.code()).withDescription(e.getMessage());
    }
    if (failure instanceof StatusRuntimeException e) {
      return e.getStatus();
    }
    if (failure instanceof StatusException e) {
      return e.getStatus();
    }
    if (failure instanceof CephException e) {
      return Status.fromCode(codeFor(e)).withDescription(e.getMessage());
    }
    if (failure instanceof ManagerBusyException e) {
      return Status.ABORTED.withDescription(e.getMessage()); // the CO backs off and retries
    }
    LOG.error("unexpected failure", failure);
    return Status.INTERNAL.withDescription(internal(failure));
  }

  /**
   * What an unexpected failure says, without the Java class: a client can act on "cannot read
   * /proc/self/mountinfo", not on a type name; the log above has the type and the trace.
   */
  static String internal(Throwable failure) {
    Throwable said = failure;
    // new RuntimeException(cause) copies cause.toString(), class name and all, as its message
    while (said.getCause() != null
        && (said.getMessage() == null || said.getMessage().equals(said.getCause().toString()))) {
      said = said.getCause();
    }
    String message = said.getMessage();
    return message == null || message.isBlank()
        ? "internal error; the plugin's log has the details"
        : "internal error: " + message;
  }

  /** Ceph errno to the code a CO retries or reports; kept here so no backend picks its own. */
  static Status.Code codeFor(CephException e) {
    return switch (e.kind()) {
      case ENOENT -> Status.Code.NOT_FOUND;
      case EEXIST -> Status.Code.ALREADY_EXISTS;
      case EINVAL, ERANGE -> Status.Code.INVALID_ARGUMENT;
      case EPERM, EACCES -> Status.Code.PERMISSION_DENIED;
      case ENOSPC, EDQUOT -> Status.Code.RESOURCE_EXHAUSTED;
      case EBUSY, ENOTEMPTY -> Status.Code.FAILED_PRECONDITION;
      case EAGAIN, EINPROGRESS -> Status.Code.ABORTED;
      case ETIMEDOUT -> Status.Code.DEADLINE_EXCEEDED;
      case ECONNREFUSED, ESHUTDOWN -> Status.Code.UNAVAILABLE;
      case ENOTSUP -> Status.Code.UNIMPLEMENTED;
      default -> Status.Code.INTERNAL;
    };
  }
}
