package io.strata.controller.rbd;

import io.strata.ceph.CephConnection;
import io.strata.ceph.RbdImages;
import io.strata.controller.flow.Placement;
import io.strata.csi.journal.Journal;

/** An RBD pool and rados namespace, with its images and the journals kept beside them. */
record RbdPlacement(
    CephConnection connection,
    String pool,
    String namespace,
    long poolId,
    RbdImages images,
    Journal volumeJournal,
    Journal snapshotJournal)
    implements Placement {
  @Override
  public long locationId() {
    return poolId;
  }
}
