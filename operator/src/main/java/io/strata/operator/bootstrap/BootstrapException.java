package io.strata.operator.bootstrap;

/** A bootstrap step failed or timed out. Messages name steps and paths, never keys. */
public class BootstrapException extends RuntimeException {
  public BootstrapException(String message) {
    super(message);
  }

  public BootstrapException(String message, Throwable cause) {
    super(message, cause);
  }
}
