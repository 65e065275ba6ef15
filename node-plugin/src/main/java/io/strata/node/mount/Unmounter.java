package io.strata.node.mount;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Unmounts everything stacked at a path, checking the {@link MountTable} after every step. A FUSE
 * mount that refuses a plain unmount is detached lazily: its daemon died ("transport endpoint is
 * not connected") and nothing else would ever release it. Any other refusal (a busy filesystem) is
 * an error for the caller to report.
 */
public final class Unmounter {
  private static final int MAX_STACK = 16;

  private final Mounter mounter;
  private final MountTable mounts;

  public Unmounter(Mounter mounter, MountTable mounts) {
    this.mounter = mounter;
    this.mounts = mounts;
  }

  /** Fine when nothing is mounted there. */
  public void unmountAll(Path path) {
    for (int i = 0; i < MAX_STACK; i++) {
      Optional<MountEntry> top = mounts.at(path);
      if (top.isEmpty()) {
        return;
      }
      try {
        mounter.unmount(path);
      } catch (RuntimeException e) {
        if (!top.get().isFuse()) {
          throw e;
        }
        mounter.lazyUnmount(path);
      }
    }
    if (mounts.isMountPoint(path)) {
      throw new IllegalStateException(path + " is still mounted after " + MAX_STACK + " unmounts");
    }
  }
}
