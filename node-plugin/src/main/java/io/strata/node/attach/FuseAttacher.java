package io.strata.node.attach;

import java.util.Optional;

/**
 * Attaches where the kernel has neither rbd nor nbd: an rbd-fuse daemon exposes the image as a file
 * and a loop device turns that file into a block device; then the FUSE mount is covered so nothing
 * can delete the image through it. Detach in the reverse order: the loop device first (the FUSE
 * mount stays busy while it is attached), then the guard, the mount and the daemon.
 */
public final class FuseAttacher implements Attacher {
  private final RbdFuseDaemon daemon;
  private final LoopDevices loops;

  public FuseAttacher(RbdFuseDaemon daemon, LoopDevices loops) {
    this.daemon = daemon;
    this.loops = loops;
  }

  @Override
  public AttachMethod method() {
    return AttachMethod.FUSE;
  }

  @Override
  public Attachment attach(AttachRequest request) {
    RbdFuseDaemon.FuseMount fuse =
        daemon.start(request.volumeKey(), request.image(), request.connection());
    Attachment attachment =
        new Attachment(method(), "", request.image(), fuse.mountPoint(), fuse.pid());
    try {
      String device = loops.attach(attachment.imageFile(), request.readOnly());
      daemon.guard(fuse.mountPoint());
      return new Attachment(method(), device, request.image(), fuse.mountPoint(), fuse.pid());
    } catch (RuntimeException e) {
      daemon.stop(fuse.mountPoint(), fuse.pid());
      throw e;
    }
  }

  @Override
  public void detach(Attachment attachment) {
    // by backing file, not by the recorded name: a loop device number can be reused
    for (LoopDevices.LoopDevice loop : loops.list()) {
      if (loop.backingFile().equals(attachment.imageFile().toString())) {
        loops.detach(loop.name());
      }
    }
    daemon.stop(attachment.fuseMountPoint(), attachment.daemonPid());
  }

  @Override
  public void refreshSize(Attachment attachment) {
    loops.refreshSize(attachment.device());
  }

  @Override
  public Optional<String> problem(Attachment attachment) {
    Optional<String> daemonProblem =
        daemon.problem(attachment.fuseMountPoint(), attachment.daemonPid());
    if (daemonProblem.isPresent()) {
      return daemonProblem;
    }
    boolean backed =
        loops.find(attachment.imageFile()).filter(attachment.device()::equals).isPresent();
    return backed
        ? Optional.empty()
        : Optional.of(attachment.device() + " is no longer backed by " + attachment.imageFile());
  }
}
