package io.strata.ceph;

/**
 * A failed Ceph call: the operation that failed, the errno Ceph returned (positive, e.g. 2 for
 * ENOENT) and Ceph's own status text. Messages never carry keys: callers pass names only.
 */
public class CephException extends RuntimeException {
  private final int errno;

  public CephException(String operation, int errno, String detail) {
    super(compose(operation, errno, detail));
    this.errno = Math.abs(errno);
  }

  public CephException(String operation, Throwable cause) {
    super(operation + ": " + cause.getMessage(), cause);
    this.errno = cause instanceof CephException ce ? ce.errno : 0;
  }

  /** Positive errno, or 0 when the failure did not come with one. */
  public int errno() {
    return errno;
  }

  public Errno kind() {
    return Errno.of(errno);
  }

  private static String compose(String operation, int errno, String detail) {
    String name = Errno.of(Math.abs(errno)).name();
    String text = operation + " failed: " + name + " (" + Math.abs(errno) + ")";
    return detail == null || detail.isBlank() ? text : text + ": " + detail.strip();
  }
}
