package io.strata.controller.flow;

import io.strata.csi.ClusterSession;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The Ceph side of one kind of volume (RBD image, CephFS subvolume). The shared flows validate,
 * lock, journal, prove and undo; a backend only touches Ceph. A create a crash cut short is never
 * resumed half way: the flow calls {@link #discardUnfinished} (or {@link #deleteSnapshot}) and then
 * creates again, so create methods may assume nothing of that name exists.
 *
 * @param <P> where the backend's volumes live (pool and namespace, filesystem and group)
 */
public interface VolumeBackend<P extends Placement> {
  /** Where volumes with these parameters live; rejects bad backend parameters. */
  P place(ClusterSession cluster, Map<String, String> parameters);

  /** Where an existing volume lives, from the location id its volume id carries. */
  P locate(ClusterSession cluster, long locationId);

  /** Every location of the cluster that may hold this backend's journals, for listings. */
  List<P> placements(ClusterSession cluster);

  /** Creates the object. */
  void create(P placement, String objectName, long sizeBytes);

  /**
   * Removes whatever an unanswered create of this object may have left, so the create can start
   * over; work Ceph carries on by itself (a CephFS clone still copying) is kept and followed.
   */
  void discardUnfinished(P placement, String objectName, Optional<SourceObject<P>> source);

  /**
   * Removes an object whose create nobody asks for any more (its PVC was deleted while Ceph still
   * copied), and what its creation put on the source; a copy Ceph still runs for it is cancelled.
   */
  void discardAbandoned(P placement, String objectName, Optional<SourceObject<P>> source);

  /**
   * Creates the object as a copy of a snapshot or volume, at least {@code sizeBytes} large. Throws
   * {@link InProgress} while Ceph is still copying.
   *
   * @return the new object's copy-on-write depth (0 when it holds its own data)
   */
  int createFrom(P placement, String objectName, long sizeBytes, SourceObject<P> source);

  /** Records who asked for the object (PVC and PV names) on the object itself. */
  void describe(P placement, String objectName, Map<String, String> metadata);

  /** Size of the object, or empty when it does not exist. */
  OptionalLong size(P placement, String objectName);

  /** Grows the object to {@code sizeBytes}; a larger object is left as it is. */
  void expand(P placement, String objectName, long sizeBytes);

  /** Deletes the object; an absent object is success. */
  void delete(P placement, String objectName);

  /**
   * Cuts a point-in-time snapshot of a volume, named {@code snapshotObject}.
   *
   * @return the snapshot's copy-on-write depth
   */
  int snapshot(P placement, String volumeObject, int volumeDepth, String snapshotObject);

  /** Whether a snapshot exists whole, as a restore would use it. */
  boolean hasSnapshot(P placement, String volumeObject, String snapshotObject);

  /** Deletes a snapshot and whatever its creation left; an absent snapshot is success. */
  void deleteSnapshot(P placement, String volumeObject, String snapshotObject);

  /** Whether a filesystem on the volume must be grown on the node after {@link #expand}. */
  boolean growsOnNode();

  /** Whether {@link #modify} accepts any mutable parameter at all. */
  boolean isModifiable();

  /** Applies mutable parameters (QoS limits) to an existing volume; validates them first. */
  void modify(P placement, String objectName, Map<String, String> mutableParameters);

  /** Bytes that new volumes with these parameters can still get. */
  long availableBytes(P placement);

  /** Whether read-only volumes can be served straight from snapshots ({@link #snapshotContext}). */
  boolean servesSnapshots();

  /**
   * volume_context of a read-only volume that shows snapshot {@code snapshotObject} of {@code
   * volumeObject} itself, with no copy made.
   */
  Map<String, String> snapshotContext(P placement, String volumeObject, String snapshotObject);

  /** What the node plugin needs to find the object, merged into volume_context. */
  Map<String, String> volumeContext(P placement, String objectName);
}
