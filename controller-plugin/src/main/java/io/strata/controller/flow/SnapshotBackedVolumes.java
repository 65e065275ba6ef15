package io.strata.controller.flow;

import io.strata.csi.CsiException;
import io.strata.csi.NameLocks;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Journal;
import io.strata.csi.journal.Reservation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Read-only volumes served straight from a snapshot (StorageClass parameter {@value #PARAMETER}),
 * made at once with no copy: a journal entry naming the snapshot, no Ceph object of their own, and
 * a pin on the snapshot's entry so that DeleteSnapshot refuses while any of them is left. Pins are
 * set and read under the snapshot id's lock, the lock DeleteSnapshot holds.
 */
final class SnapshotBackedVolumes<P extends Placement> {
  static final String PARAMETER = "backingSnapshot";

  private final VolumeBackend<P> backend;
  private final NameLocks locks;

  SnapshotBackedVolumes(VolumeBackend<P> backend, NameLocks locks) {
    this.backend = backend;
    this.locks = locks;
  }

  /** Whether a request asks to be served from its snapshot; INVALID_ARGUMENT when it cannot be. */
  boolean requested(VolumeRequest request) {
    String value = request.parameters().getOrDefault(PARAMETER, "false");
    if (!value.equals("true") && !value.equals("false")) {
      throw CsiException.invalidArgument(
          PARAMETER + " must be \"true\" or \"false\", not '" + value + "'");
    }
    if (value.equals("false")) {
      return false;
    }
    if (!backend.servesSnapshots()) {
      throw CsiException.invalidArgument(
          PARAMETER + " is a CephFS parameter: these volumes cannot be served from a snapshot");
    }
    if (request.source().map(VolumeSource::kind).orElse(null) != VolumeSource.Kind.SNAPSHOT) {
      throw CsiException.invalidArgument(
          PARAMETER + " needs a snapshot as the content source (a VolumeSnapshot dataSource)");
    }
    if (!request.readOnly()) {
      throw CsiException.invalidArgument(
          PARAMETER
              + " volumes show a snapshot and are read-only: ask for ReadOnlyMany (reader-only"
              + " access modes) only");
    }
    return true;
  }

  /** The attributes that make a volume entry snapshot-backed. */
  static Map<String, String> attributesFor(SourceObject<?> snapshot) {
    return Map.of(
        Attributes.BACKING, snapshot.objectName(), Attributes.PARENT, snapshot.volumeObject());
  }

  /** Pins the volume's snapshot, which must still exist whole; NOT_FOUND when it went meanwhile. */
  void pin(P placement, Reservation volume) {
    String snapshotId = snapshotIdOf(volume);
    try (NameLocks.Lease lease = locks.acquireOrAbort(snapshotId, "snapshot " + snapshotId)) {
      UUID snapshot = snapshotUuid(snapshotId);
      boolean whole =
          placement.snapshotJournal().findById(snapshot).filter(Attributes::isReady).isPresent()
              && exists(placement, volume);
      if (!whole) {
        throw Catalog.notFound(Journal.Kind.SNAPSHOT, snapshotId);
      }
      placement
          .snapshotJournal()
          .annotate(
              snapshot, Map.of(Attributes.BACKS_PREFIX + volume.uuid(), volume.requestName()));
    }
  }

  /** Takes the volume's pin off its snapshot, if the snapshot is still there. */
  void unpin(P placement, Reservation volume) {
    String snapshotId = snapshotIdOf(volume);
    try (NameLocks.Lease lease = locks.acquireOrAbort(snapshotId, "snapshot " + snapshotId)) {
      UUID snapshot = snapshotUuid(snapshotId);
      if (placement.snapshotJournal().findById(snapshot).isPresent()) {
        placement
            .snapshotJournal()
            .removeAttributes(snapshot, List.of(Attributes.BACKS_PREFIX + volume.uuid()));
      }
    }
  }

  /**
   * Request names of the volumes a snapshot serves; the caller holds the snapshot's lock. Pins of
   * volumes whose entries are gone (a crash between release and unpin) are dropped here.
   */
  List<String> servedBy(P placement, Reservation snapshot) {
    List<String> serving = new ArrayList<>();
    List<String> stale = new ArrayList<>();
    snapshot
        .attributes()
        .forEach((key, name) -> {
          if (key.startsWith(Attributes.BACKS_PREFIX)) {
            UUID volume = UUID.fromString(key.substring(Attributes.BACKS_PREFIX.length()));
            if (placement.volumeJournal().findById(volume).isPresent()) {
              serving.add(name);
            } else {
              stale.add(key);
            }
          }
        });
    if (!stale.isEmpty()) {
      placement.snapshotJournal().removeAttributes(snapshot.uuid(), stale);
    }
    return serving;
  }

  /** Whether the snapshot a volume shows is still there. */
  boolean exists(P placement, Reservation volume) {
    return backend.hasSnapshot(
        placement, volume.attribute(Attributes.PARENT), volume.attribute(Attributes.BACKING));
  }

  /** What the node needs to mount the snapshot as the volume. */
  Map<String, String> context(P placement, Reservation volume) {
    return backend.snapshotContext(
        placement, volume.attribute(Attributes.PARENT), volume.attribute(Attributes.BACKING));
  }

  private static String snapshotIdOf(Reservation volume) {
    return VolumeSource.fromJournal(volume.attribute(Attributes.SOURCE)).orElseThrow().id();
  }

  private static UUID snapshotUuid(String snapshotId) {
    return CsiId.decode(snapshotId)
        .orElseThrow(() -> Catalog.notFound(Journal.Kind.SNAPSHOT, snapshotId))
        .uuid();
  }
}
