package io.strata.controller.flow;

import io.strata.csi.journal.Journal;

/** A pool or filesystem a backend resolved, with the journal that lives beside it. */
public interface Placement {
  /** The id that goes into volume ids: a pool id for RBD, an fscid for CephFS. */
  long locationId();

  Journal volumeJournal();
}
