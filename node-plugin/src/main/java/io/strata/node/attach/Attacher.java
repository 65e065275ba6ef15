package io.strata.node.attach;

import java.util.Optional;

/**
 * Turns an RBD image into a block device on this node and back. Implementations are idempotent:
 * attaching an image that is already attached returns its device, and detaching something already
 * gone succeeds.
 */
public interface Attacher {

  AttachMethod method();

  /** Attaches the image and returns the device; the key is only used during this call. */
  Attachment attach(AttachRequest request);

  /** Detaches; needs no credentials, so it works when the cluster is unreachable. */
  void detach(Attachment attachment);

  /** Makes the device show the image's current size after the image grew. */
  default void refreshSize(Attachment attachment) {}

  /** What is wrong with an attachment that should be serving I/O, empty when nothing is. */
  Optional<String> problem(Attachment attachment);
}
