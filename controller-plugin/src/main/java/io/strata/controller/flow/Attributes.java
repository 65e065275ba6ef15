package io.strata.controller.flow;

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

  /** A snapshot's creation time, epoch milliseconds. */
  static final String CREATED = "csi.created";

  private Attributes() {}
}
