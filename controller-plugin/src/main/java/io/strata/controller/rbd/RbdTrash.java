package io.strata.controller.rbd;

import io.strata.ceph.CephException;
import io.strata.ceph.Omap;
import io.strata.ceph.RbdImages;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removing images through the RBD trash, for images that cannot be removed within a call: clients
 * still have them open (EBUSY), clones still read through them (ENOTEMPTY), or removing them would
 * take long (large images without an object map). Each goes to the trash with a manager task
 * ({@code rbd task add trash remove}), which retries with backoff until the image is free.
 *
 * <p>Images that only wait for dependants are also written to a ledger (omap {@value #LEDGER}:
 * image id -> name) before they move, and every delete in the pool sweeps the ledger, so a freed
 * image goes at once rather than at the manager's next retry. The sweep touches nothing but its
 * ledger's entries: other clients' trash (ceph-csi names its images as we do) is never walked.
 */
final class RbdTrash {
  static final String LEDGER = "csi.trash.strata";

  private static final Logger LOG = LoggerFactory.getLogger(RbdTrash.class);

  /** Seconds a background sweep keeps trying while an image is busy. */
  private static final int BUSY_RETRIES = 30;

  private final RbdImages images;
  private final Omap omap;
  private final Executor background;

  RbdTrash(RbdImages images, Omap omap, Executor background) {
    this.images = images;
    this.omap = omap;
    this.background = background;
  }

  /** Moves an image that waits for clients or clones; sweeps remove it once they let go. */
  void moveWaitingForDependants(String image) {
    String id = images.id(image);
    omap.set(LEDGER, Map.of(id, image)); // first, so a crash after the move leaves it reachable
    move(image, id);
  }

  /** Moves an image whose removal would hold the call too long; only the manager removes it. */
  void moveForBackgroundRemoval(String image) {
    move(image, images.id(image));
  }

  private void move(String image, String id) {
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
   * {@link #sweep} off the caller's path, again a second later while an image is busy (the
   * manager's task may be removing it right then, and once it is gone its parent may be free); a
   * failure is logged, the next delete sweeps again.
   */
  void sweepSoon() {
    background.execute(
        () -> {
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
   * @return whether an image was busy (open, or being removed by the manager) rather than held by
   *     clones
   */
  boolean sweep() {
    boolean removedAny = true;
    boolean busy = false;
    while (removedAny) {
      removedAny = false;
      busy = false;
      for (String id : omap.list(LEDGER, "", "", Integer.MAX_VALUE).keySet()) {
        switch (removeIfFree(id)) {
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

  private enum Outcome {
    REMOVED,
    HELD,
    BUSY
  }

  /** REMOVED once the image is gone (by us or the manager); HELD while clones read through it. */
  private Outcome removeIfFree(String id) {
    try {
      images.removeFromTrash(id);
      return Outcome.REMOVED;
    } catch (CephException e) {
      return switch (e.kind()) {
        case ENOENT -> Outcome.REMOVED;
        case ENOTEMPTY -> Outcome.HELD;
        case EBUSY -> Outcome.BUSY;
        default -> throw e;
      };
    }
  }
}
