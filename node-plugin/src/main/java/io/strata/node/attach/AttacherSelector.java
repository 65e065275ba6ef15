package io.strata.node.attach;

import io.strata.csi.CsiException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Picks the attacher for a volume: the StorageClass {@code mounter} when given, else the best this
 * node supports: krbd when the rbd module is loaded (/sys/bus/rbd), rbd-nbd when NBD devices exist
 * (/dev/nbd0), rbd-fuse with a loop device otherwise.
 */
public final class AttacherSelector {
  static final Path KRBD_MARKER = Path.of("/sys/bus/rbd");
  static final Path NBD_MARKER = Path.of("/dev/nbd0");

  private final Map<AttachMethod, Attacher> attachers = new EnumMap<>(AttachMethod.class);
  private final Predicate<Path> exists;

  public AttacherSelector(List<Attacher> attachers) {
    this(attachers, Files::exists);
  }

  AttacherSelector(List<Attacher> attachers, Predicate<Path> exists) {
    attachers.forEach(a -> this.attachers.put(a.method(), a));
    this.exists = exists;
  }

  /**
   * @param mounter the StorageClass parameter; blank for auto-detection
   */
  public Attacher forMounter(String mounter) {
    if (mounter == null || mounter.isBlank()) {
      return of(detect());
    }
    AttachMethod method =
        AttachMethod.fromParameter(mounter.strip())
            .orElseThrow(() ->
                CsiException.invalidArgument(
                    "mounter '" + mounter + "' is not one of krbd, rbd-nbd, fuse"));
    return of(method);
  }

  public AttachMethod detect() {
    if (exists.test(KRBD_MARKER)) {
      return AttachMethod.KRBD;
    }
    if (exists.test(NBD_MARKER)) {
      return AttachMethod.RBD_NBD;
    }
    return AttachMethod.FUSE;
  }

  public Attacher of(AttachMethod method) {
    Attacher attacher = attachers.get(method);
    if (attacher == null) {
      throw CsiException.failedPrecondition(
          "attach method " + method.parameter() + " is not available on this node");
    }
    return attacher;
  }
}
