package io.strata.ceph;

import java.util.Arrays;

/** The errno values Ceph returns that callers act on; everything else is {@link #OTHER}. */
public enum Errno {
  EPERM(1),
  ENOENT(2),
  EINTR(4),
  EIO(5),
  EAGAIN(11),
  ENOMEM(12),
  EACCES(13),
  EBUSY(16),
  EEXIST(17),
  EINVAL(22),
  ENOSPC(28),
  ERANGE(34),
  EDQUOT(122),
  ENOTEMPTY(39),
  ENOTSUP(95),
  ETIMEDOUT(110),
  ECONNREFUSED(111),
  ESHUTDOWN(108),
  EINPROGRESS(115),
  ECANCELED(125),
  OTHER(-1);

  private final int value;

  Errno(int value) {
    this.value = value;
  }

  public int value() {
    return value;
  }

  public static Errno of(int errno) {
    int positive = Math.abs(errno);
    return Arrays.stream(values()).filter(e -> e.value == positive).findFirst().orElse(OTHER);
  }
}
