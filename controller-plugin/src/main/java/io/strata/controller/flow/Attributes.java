package io.strata.controller.flow;

import io.strata.csi.journal.Reservation;
import java.util.Map;

/** Keys the flows record in journal entries beside the request name and object name. */
final class Attributes {
  /** Size in bytes the object was created (or last expanded) with. */
  static final String SIZE = "csi.size";

  /** How many copy-on-write parents the object reads through; absent means 0. */
  static final String DEPTH = "csi.depth";

  /** The content source a volume was created from, or the volume a snapshot was cut from. */
  static final String SOURCE = "csi.source";

  /** A snapshot's source volume object, which backends that keep snapshots inside it need. */
  static final String PARENT = "csi.parent";

  /**
   * On a volume served from a snapshot (no object of its own): the snapshot object it shows; its
   * {@link #PARENT} is the snapshot's volume object.
   */
  static final String BACKING = "csi.backing";

  /**
   * On a snapshot, one key per volume it serves ({@link #BACKING}): this prefix + the volume's
   * uuid, valued with its request name. The snapshot is not deleted while any is left.
   */
  static final String BACKS_PREFIX = "csi.backs.";

  /**
   * When a volume's CreateVolume last came (epoch milliseconds), while it is {@link #CREATING}: an
   * entry nobody asks for any more is undone by {@link VolumeFlow#reapAbandoned}.
   */
  static final String ASKED = "csi.asked";

  /** A snapshot's creation time, epoch milliseconds. */
  static final String CREATED = "csi.created";

  /**
   * {@link #CREATING} from the reservation until the Ceph object is made and proven, then {@link
   * #READY}. Only a READY object was ever handed to the CO; one still CREATING when its request is
   * retried may be half made by a crash, and is made again. Entries written before this key existed
   * have none and count as READY.
   */
  static final String STATE = "csi.state";

  static final String CREATING = "creating";
  static final String READY = "ready";

  static final Map<String, String> READY_STATE = Map.of(STATE, READY);

  private Attributes() {}

  /** Whether a volume is served from a snapshot rather than an object of its own. */
  static boolean isSnapshotBacked(Reservation reservation) {
    return reservation.attribute(BACKING) != null;
  }

  /** Whether the object of a reservation was made, proven and answered with: usable. */
  static boolean isReady(Reservation reservation) {
    return reservation.isComplete() && !CREATING.equals(reservation.attribute(STATE));
  }
}
