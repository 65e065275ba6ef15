package io.strata.csi;

import io.grpc.Status;

/**
 * A failure that already knows the gRPC code the CO must see and a message that says what to fix.
 * Services and backends throw it; {@link Failures} is the one place that turns any throwable into a
 * status.
 */
public class CsiException extends RuntimeException {
  private final Status.Code code;

  public CsiException(Status.Code code, String message) {
    super(message);
    this.code = code;
  }

  public CsiException(Status.Code code, String message, Throwable cause) {
    super(message, cause);
    this.code = code;
  }

  public Status.Code code() {
    return code;
  }

  public static CsiException invalidArgument(String message) {
    return new CsiException(Status.Code.INVALID_ARGUMENT, message);
  }

  public static CsiException notFound(String message) {
    return new CsiException(Status.Code.NOT_FOUND, message);
  }

  public static CsiException alreadyExists(String message) {
    return new CsiException(Status.Code.ALREADY_EXISTS, message);
  }

  public static CsiException aborted(String message) {
    return new CsiException(Status.Code.ABORTED, message);
  }

  public static CsiException failedPrecondition(String message) {
    return new CsiException(Status.Code.FAILED_PRECONDITION, message);
  }

  /** A state the driver cannot explain or repair by itself; the message says what was found. */
  public static CsiException internal(String message) {
    return new CsiException(Status.Code.INTERNAL, message);
  }

  public static CsiException outOfRange(String message) {
    return new CsiException(Status.Code.OUT_OF_RANGE, message);
  }
}
