package io.strata.node.attach;

import java.util.Arrays;
import java.util.Optional;

/** How an RBD image becomes a block device on this node; named by StorageClass {@code mounter}. */
public enum AttachMethod {
  /** The kernel RBD client: {@code rbd map}, needs the rbd module (/sys/bus/rbd). */
  KRBD("krbd"),
  /** librbd in the rbd-nbd daemon behind a kernel NBD device (/dev/nbd*). */
  RBD_NBD("rbd-nbd"),
  /** librbd in rbd-fuse exposing the image as a file, turned into a loop device. */
  FUSE("fuse");

  private final String parameter;

  AttachMethod(String parameter) {
    this.parameter = parameter;
  }

  /** The value of the StorageClass parameter {@code mounter} that selects this method. */
  public String parameter() {
    return parameter;
  }

  public static Optional<AttachMethod> fromParameter(String value) {
    return Arrays.stream(values()).filter(m -> m.parameter.equals(value)).findFirst();
  }
}
