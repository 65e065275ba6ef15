package io.strata.controller.rbd;

import io.strata.ceph.CephConnection;
import io.strata.ceph.RbdImages;
import io.strata.controller.flow.Placement;
import io.strata.csi.journal.Journal;

/**
 * An RBD pool and rados namespace, with its images, its trash and the journals kept beside them.
 *
 * @param imageFeatures librbd feature bits for new images (the StorageClass's imageFeatures)
 */
record RbdPlacement(
    CephConnection connection,
    String pool,
    String namespace,
    long poolId,
    long imageFeatures,
    RbdImages images,
    RbdTrash trash,
    Journal volumeJournal,
    Journal snapshotJournal)
    implements Placement {
  @Override
  public long locationId() {
    return poolId;
  }
}
