package io.strata.controller.flow;

import io.strata.csi.journal.Journal;

/** A pool or filesystem a backend resolved, with the journals that live beside it. */
public interface Placement {
  /** The id that goes into volume and snapshot ids: a pool id for RBD, an fscid for CephFS. */
  long locationId();

  Journal volumeJournal();

  Journal snapshotJournal();

  default Journal journal(Journal.Kind kind) {
    return kind == Journal.Kind.VOLUME ? volumeJournal() : snapshotJournal();
  }
}
