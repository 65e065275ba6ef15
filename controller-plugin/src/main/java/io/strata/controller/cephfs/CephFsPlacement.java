package io.strata.controller.cephfs;

import io.strata.ceph.CephConnection;
import io.strata.ceph.Filesystems;
import io.strata.ceph.Subvolumes;
import io.strata.controller.flow.Placement;
import io.strata.csi.journal.Journal;

/**
 * A filesystem and subvolume group, with the journals kept in the filesystem's metadata pool.
 *
 * @param dataPool the StorageClass's data pool for new subvolumes, or null for the default
 */
record CephFsPlacement(
    CephConnection connection,
    Filesystems.Filesystem filesystem,
    String dataPool,
    Subvolumes subvolumes,
    Journal volumeJournal,
    Journal snapshotJournal)
    implements Placement {
  @Override
  public long locationId() {
    return filesystem.id();
  }
}
