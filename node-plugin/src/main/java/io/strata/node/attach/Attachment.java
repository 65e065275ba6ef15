package io.strata.node.attach;

import java.nio.file.Path;
import java.util.Objects;

/**
 * An image attached to this node: the block device it became and, for rbd-fuse, the daemon and
 * mount point behind that device. Everything needed to detach without the cluster.
 *
 * @param device the block device (/dev/rbd0, /dev/nbd0, /dev/loop3)
 * @param fuseMountPoint where rbd-fuse exposes the image file, null for other methods
 * @param daemonPid the rbd-fuse pid, 0 for other methods
 */
public record Attachment(
    AttachMethod method, String device, ImageSpec image, Path fuseMountPoint, long daemonPid) {
  public Attachment {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(device, "device");
    Objects.requireNonNull(image, "image");
  }

  public static Attachment kernel(AttachMethod method, String device, ImageSpec image) {
    return new Attachment(method, device, image, null, 0);
  }

  /** The file rbd-fuse shows for the image, backing the loop device. */
  public Path imageFile() {
    if (fuseMountPoint == null) {
      throw new IllegalStateException(method + " attachments have no image file");
    }
    return fuseMountPoint.resolve(image.image());
  }
}
