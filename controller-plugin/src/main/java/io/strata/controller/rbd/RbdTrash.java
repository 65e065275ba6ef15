package io.strata.controller.rbd;

import io.strata.ceph.CephException;
import io.strata.ceph.Errno;
import io.strata.ceph.Omap;
import io.strata.ceph.RbdImages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.Lock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing images through the RBD trash, for images that cannot be removed within a call: clients
 * still have them open (EBUSY), clones still read through them (ENOTEMPTY), or removing them would
 * take long (large images without an object map).
 *
 * <p>Each image has exactly one remover. A large image goes with a manager task ({@code rbd task
 * add trash remove}). One that waits for clients or clones is written to a ledger (omap {@value
 * #LEDGER}: image id -> name) before it moves, and every delete in the pool sweeps the ledger, one
 * sweep at a time per pool, so a freed image goes at once. Two removers of one image crash librbd
 * 16 (seen: a manager task and a sweep removing the same image, "FAILED ceph_assert(...
 * exclusive_lock ->is_lock_owner())" in TrimRequest, which takes the whole plugin down). The sweep
 * touches nothing but its ledger's entries: other clients' trash (ceph-csi names its images as we
 * do) is never walked.
 */
final class RbdTrash {
  static final String LEDGER = "csi.trash.strata";

  private static final Logger LOG = LoggerFactory.getLogger(RbdTrash.class);

  /** Seconds a background sweep keeps trying while an image is busy. */
  private static final int BUSY_RETRIES = 30;

  private final RbdImages images;
  private final Omap omap;
  private final Executor background;
  private final Lock sweeping;

  /**
   * @param sweeping held by every sweep of this pool, in any thread
   */
  RbdTrash(RbdImages images, Omap omap, Executor background, Lock sweeping) {
    this.images = images;
    this.omap = omap;
    this.background = background;
    this.sweeping = sweeping;
  }

  /** Moves an image that waits for clients or clones; sweeps remove it once they let go. */
  void moveWaitingForDependants(String image) {
    String id = images.id(image);
    omap.set(LEDGER, Map.of(id, image)); // first, so a crash after the move leaves it reachable
    images.moveToTrash(image);
  }

  /** Moves an image whose removal would hold the call too long; only the manager removes it. */
  void moveForBackgroundRemoval(String image) {
    String id = images.id(image);
    images.moveToTrash(image);
    try {
      images.scheduleTrashRemoval(id);
    } catch (CephException e) {
      LOG.warn(
          "could not ask the manager to remove trashed image {} ({}): {}",
          image,
          id,
          e.getMessage());
    }
  }

  /**
   * {@link #sweep} off the caller's path, again a second later while an image is busy (a client
   * still closing it); a failure is logged, the next delete sweeps again.
   */
  void sweepSoon() {
    background.execute(() -> {
      try {
        for (int pass = 0; pass < BUSY_RETRIES && sweep(); pass++) {
          Thread.sleep(1000);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (RuntimeException e) {
        LOG.warn("trash sweep failed, the next delete sweeps again: {}", e.getMessage());
      }
    });
  }

  /**
   * Removes the ledger's images that nothing holds any more. Removing one can free its parent, so
   * passes repeat until one removes nothing.
   *
   * @return whether an image was busy (still open) rather than held by clones
   */
  boolean sweep() {
    sweeping.lock();
    try {
      return sweepLocked();
    } finally {
      sweeping.unlock();
    }
  }

  private boolean sweepLocked() {
    boolean removedAny = true;
    boolean busy = false;
    while (removedAny) {
      removedAny = false;
      busy = false;
      for (Map.Entry<String, String> entry :
          omap.list(LEDGER, "", "", Integer.MAX_VALUE).entrySet()) {
        String id = entry.getKey();
        switch (removeIfFree(id, entry.getValue())) {
          case REMOVED -> {
            omap.removeKeys(LEDGER, List.of(id));
            removedAny = true;
          }
          case BUSY -> busy = true;
          case HELD -> {}
        }
      }
    }
    return busy;
  }

  /** Whether the image is still outside the trash under its name, about to be moved. */
  private boolean stillToBeMoved(String id, String name) {
    try {
      return images.id(name).equals(id);
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return false;
      }
      throw e;
    }
  }

  private enum Outcome {
    REMOVED,
    HELD,
    BUSY
  }

  /**
   * REMOVED once the image is gone; HELD while clones read through it, or while it is still on its
   * way to the trash (the ledger is written before the move, and a sweep can run in between).
   */
  private Outcome removeIfFree(String id, String name) {
    try {
      images.removeFromTrash(id);
      return Outcome.REMOVED;
    } catch (CephException e) {
      return switch (e.kind()) {
        case ENOENT -> stillToBeMoved(id, name) ? Outcome.HELD : Outcome.REMOVED;
        case ENOTEMPTY -> Outcome.HELD;
        case EBUSY -> Outcome.BUSY;
        default -> throw e;
      };
    }
  }
}
