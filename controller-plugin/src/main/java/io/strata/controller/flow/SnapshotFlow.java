package io.strata.controller.flow;

import io.strata.csi.ClusterAccess;
import io.strata.csi.CsiException;
import io.strata.csi.NameLocks;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Journal;
import io.strata.csi.journal.Reservation;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Snapshot create, delete, get and list for every backend. Snapshots are journalled beside their
 * source volume (same pool or filesystem) under their own request names.
 */
public final class SnapshotFlow<P extends Placement> {
  /** What snapshot objects are named: this prefix, then the journal uuid. */
  public static final String OBJECT_PREFIX = "csi-snap-";

  private final VolumeBackend<P> backend;
  private final ClusterAccess clusters;
  private final NameLocks locks;
  private final Catalog<P> catalog;
  private final Listing<P> listing;
  private final SnapshotBackedVolumes<P> snapshotBacked;
  private final Clock clock;

  public SnapshotFlow(VolumeBackend<P> backend, ClusterAccess clusters, NameLocks locks) {
    this(backend, clusters, locks, Clock.systemUTC());
  }

  SnapshotFlow(VolumeBackend<P> backend, ClusterAccess clusters, NameLocks locks, Clock clock) {
    this.backend = backend;
    this.clusters = clusters;
    this.locks = locks;
    this.catalog = new Catalog<>(backend, clusters);
    this.listing = new Listing<>(backend, clusters, catalog);
    this.snapshotBacked = new SnapshotBackedVolumes<>(backend, locks);
    this.clock = clock;
  }

  public SnapshotInfo create(String name, String sourceVolumeId, Map<String, String> secrets) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(name, "snapshot " + name)) {
      Catalog.Entry<P> volume =
          catalog.require(
              Journal.Kind.VOLUME, sourceVolumeId, Connector.withSecrets(clusters, secrets));
      if (Attributes.isSnapshotBacked(volume.reservation())) {
        throw CsiException.invalidArgument(
            "volume "
                + sourceVolumeId
                + " shows a snapshot read-only and has no content of its own to snapshot; use"
                + " the VolumeSnapshot it was restored from");
      }
      Journal journal = volume.placement().snapshotJournal();
      Journal.Pending reserved =
          journal.reserveWhileCreating(
              name,
              OBJECT_PREFIX,
              Map.of(
                  Attributes.SOURCE, sourceVolumeId,
                  Attributes.PARENT, volume.object(),
                  Attributes.SIZE, Long.toString(volume.size()),
                  Attributes.CREATED, Long.toString(clock.millis()),
                  Attributes.STATE, Attributes.CREATING),
              Runnable::run);
      Reservation reservation = reserved.reservation();
      if (!sourceVolumeId.equals(reservation.attribute(Attributes.SOURCE))) {
        throw CsiException.alreadyExists(
            "snapshot "
                + name
                + " already exists for volume "
                + reservation.attribute(Attributes.SOURCE)
                + ", not for "
                + sourceVolumeId);
      }
      if (!Attributes.isReady(reservation)) {
        make(volume, reserved);
      }
      prove(volume, reservation);
      CsiId id =
          new CsiId(volume.id().clusterId(), volume.placement().locationId(), reservation.uuid());
      return info(id, reservation);
    }
  }

  /**
   * Cuts the snapshot of a reservation and marks it READY; what an earlier request of the name left
   * half made is deleted first, and a failure undoes what this one made.
   */
  private void make(Catalog.Entry<P> volume, Journal.Pending reserved) {
    Reservation reservation = reserved.reservation();
    Journal journal = volume.placement().snapshotJournal();
    try {
      if (reserved.resumed()) {
        backend.deleteSnapshot(volume.placement(), volume.object(), reservation.objectName());
      }
      int depth =
          backend.snapshot(
              volume.placement(), volume.object(), volume.depth(), reservation.objectName());
      Map<String, String> made = new HashMap<>(Attributes.READY_STATE);
      made.put(Attributes.DEPTH, Integer.toString(depth));
      journal.annotate(reservation.uuid(), made);
    } catch (RuntimeException failure) {
      try {
        backend.deleteSnapshot(volume.placement(), volume.object(), reservation.objectName());
        journal.release(reservation.uuid());
      } catch (RuntimeException undoFailure) {
        failure.addSuppressed(undoFailure);
      }
      throw failure;
    }
  }

  /** INTERNAL when a snapshot the journal records as made cannot be found in Ceph. */
  private void prove(Catalog.Entry<P> volume, Reservation reservation) {
    if (!backend.hasSnapshot(volume.placement(), volume.object(), reservation.objectName())) {
      throw CsiException.internal(
          "snapshot "
              + reservation.requestName()
              + " is recorded but its Ceph object "
              + reservation.objectName()
              + " cannot be found (removed outside the driver?)");
    }
  }

  /** Deletes a snapshot by id; unknown, malformed or already deleted ids are OK. */
  public void delete(String snapshotId, Map<String, String> secrets) {
    Optional<CsiId> id = CsiId.decode(snapshotId);
    if (id.isEmpty()) {
      return;
    }
    try (NameLocks.Lease lease = locks.acquireOrAbort(snapshotId, "snapshot " + snapshotId)) {
      Optional<Catalog.Entry<P>> found =
          catalog.find(Journal.Kind.SNAPSHOT, id.get(), Connector.withSecrets(clusters, secrets));
      if (found.isEmpty()) {
        return;
      }
      Catalog.Entry<P> snapshot = found.get();
      List<String> serving = snapshotBacked.servedBy(snapshot.placement(), snapshot.reservation());
      if (!serving.isEmpty()) {
        throw CsiException.failedPrecondition(
            "snapshot "
                + snapshotId
                + " serves read-only volumes "
                + String.join(", ", serving)
                + " ("
                + SnapshotBackedVolumes.PARAMETER
                + "); delete those first");
      }
      if (snapshot.reservation().isComplete()) {
        backend.deleteSnapshot(
            snapshot.placement(), snapshot.attribute(Attributes.PARENT), snapshot.object());
      }
      snapshot.placement().snapshotJournal().release(id.get().uuid());
    }
  }

  public Optional<SnapshotInfo> get(String snapshotId, Map<String, String> secrets) {
    return get(snapshotId, Connector.withSecrets(clusters, secrets));
  }

  private Optional<SnapshotInfo> get(String snapshotId, Connector connector) {
    return catalog
        .find(Journal.Kind.SNAPSHOT, snapshotId, connector)
        .filter(e -> Attributes.isReady(e.reservation()))
        .map(e -> info(e.id(), e.reservation()));
  }

  /**
   * Snapshots by id, by source volume, or all of them, a page at a time.
   *
   * @param snapshotId empty for any
   * @param sourceVolumeId empty for any
   */
  public Page<SnapshotInfo> list(
      String snapshotId,
      String sourceVolumeId,
      String token,
      int maxEntries,
      Map<String, String> secrets) {
    // ListSnapshots may come without secrets (the snapshotter sends none unless configured)
    Connector connector =
        secrets.isEmpty() && clusters.hasOwnSecrets()
            ? Connector.asPlugin(clusters)
            : Connector.withSecrets(clusters, secrets);
    if (!snapshotId.isEmpty()) {
      List<SnapshotInfo> one =
          get(snapshotId, connector).stream()
              .filter(s -> sourceVolumeId.isEmpty() || s.sourceVolumeId().equals(sourceVolumeId))
              .toList();
      return new Page<>(one, "");
    }
    List<Listing.Location<P>> locations =
        sourceVolumeId.isEmpty()
            ? listing.everywhere(connector)
            : listing.at(sourceVolumeId, connector);
    return listing.list(
        Journal.Kind.SNAPSHOT,
        locations,
        token,
        maxEntries,
        entry ->
            Optional.of(info(entry.id(), entry.reservation()))
                .filter(
                    s -> sourceVolumeId.isEmpty() || s.sourceVolumeId().equals(sourceVolumeId)));
  }

  private static SnapshotInfo info(CsiId id, Reservation reservation) {
    return new SnapshotInfo(
        id.encode(),
        reservation.attribute(Attributes.SOURCE),
        Long.parseLong(reservation.attribute(Attributes.SIZE)),
        Instant.ofEpochMilli(Long.parseLong(reservation.attribute(Attributes.CREATED))));
  }
}
