package io.strata.controller.flow;

import io.strata.csi.ClusterAccess;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.NameLocks;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Reservation;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Create and delete, written once for every backend: lock the name, find or reserve it in the
 * journal, create the Ceph object, and undo the reservation when creation fails.
 */
public final class VolumeFlow<P extends Placement> {
  static final String SIZE = "csi.size";

  private final VolumeBackend<P> backend;
  private final ClusterAccess clusters;
  private final NameLocks locks;

  public VolumeFlow(VolumeBackend<P> backend, ClusterAccess clusters, NameLocks locks) {
    this.backend = backend;
    this.clusters = clusters;
    this.locks = locks;
  }

  public ProvisionedVolume create(VolumeRequest request) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(request.name(), "volume " + request.name())) {
      ClusterSession cluster = clusters.connect(request.clusterId(), request.secrets());
      P placement = backend.place(cluster, request.parameters());
      // an existing reservation comes back unchanged, with the size it was created with
      Reservation reservation =
          placement
              .volumeJournal()
              .reserve(
                  request.name(),
                  backend.objectNamePrefix(request.parameters()),
                  Map.of(SIZE, Long.toString(request.sizeBytes())));
      long size = requireFittingSize(request, reservation);
      try {
        backend.create(placement, reservation.objectName(), size);
      } catch (RuntimeException failure) {
        undo(placement, reservation, failure);
        throw failure;
      }
      return provisioned(request, placement, reservation, size);
    }
  }

  /**
   * Removes what a failed create may have left (a timed-out create can still have made the object),
   * then the reservation; if the object cannot be removed the reservation stays, so a retry or a
   * delete still finds it.
   */
  private void undo(P placement, Reservation reservation, RuntimeException failure) {
    try {
      backend.delete(placement, reservation.objectName());
      placement.volumeJournal().release(reservation.uuid());
    } catch (RuntimeException undoFailure) {
      failure.addSuppressed(undoFailure);
    }
  }

  /** Deletes a volume by id; ids this plugin did not write, or volumes already gone, are OK. */
  public void delete(String volumeId, Map<String, String> secrets) {
    Optional<CsiId> id = CsiId.decode(volumeId);
    if (id.isEmpty()) {
      return;
    }
    try (NameLocks.Lease lease = locks.acquireOrAbort(volumeId, "volume " + volumeId)) {
      Optional<Found<P>> found = find(id.get(), secrets);
      if (found.isEmpty()) {
        return;
      }
      if (found.get().reservation().isComplete()) {
        backend.delete(found.get().placement(), found.get().reservation().objectName());
      }
      found.get().placement().volumeJournal().release(id.get().uuid());
    }
  }

  /** Grows a volume to at least {@code sizeBytes}; returns the size it now has. */
  public long expand(String volumeId, long sizeBytes, Map<String, String> secrets) {
    CsiId id = CsiId.decode(volumeId).orElseThrow(() -> missing(volumeId));
    try (NameLocks.Lease lease = locks.acquireOrAbort(volumeId, "volume " + volumeId)) {
      Found<P> found =
          find(id, secrets)
              .filter(f -> f.reservation().isComplete())
              .orElseThrow(() -> missing(volumeId));
      String object = found.reservation().objectName();
      backend.expand(found.placement(), object, sizeBytes);
      long size = backend.size(found.placement(), object).orElseThrow(() -> missing(volumeId));
      found.placement().volumeJournal().annotate(id.uuid(), Map.of(SIZE, Long.toString(size)));
      return size;
    }
  }

  /** Whether the volume exists in Ceph (its journal entry and its object). */
  public boolean exists(String volumeId, Map<String, String> secrets) {
    return CsiId.decode(volumeId)
        .flatMap(id -> find(id, secrets))
        .filter(f -> f.reservation().isComplete())
        .filter(f -> backend.size(f.placement(), f.reservation().objectName()).isPresent())
        .isPresent();
  }

  /** A volume's placement and journal entry, complete or not. */
  private record Found<P>(P placement, Reservation reservation) {}

  private Optional<Found<P>> find(CsiId id, Map<String, String> secrets) {
    ClusterSession cluster = clusters.connect(id.clusterId(), secrets);
    Optional<P> placement = locateIfExists(cluster, id.locationId());
    return placement.flatMap(
        p -> p.volumeJournal().findById(id.uuid()).map(r -> new Found<>(p, r)));
  }

  private static CsiException missing(String volumeId) {
    return CsiException.notFound("volume " + volumeId + " does not exist");
  }

  private Optional<P> locateIfExists(ClusterSession cluster, long locationId) {
    try {
      return Optional.of(backend.locate(cluster, locationId));
    } catch (CsiException e) {
      if (e.code() == io.grpc.Status.Code.NOT_FOUND) {
        return Optional.empty(); // the pool or filesystem is gone, and the volume with it
      }
      throw e;
    }
  }

  /** The reservation's recorded size, when it fits the request's capacity range. */
  private static long requireFittingSize(VolumeRequest request, Reservation reservation) {
    long recorded = Long.parseLong(reservation.attribute(SIZE));
    if (recorded < request.sizeBytes()
        || (request.limitBytes() > 0 && recorded > request.limitBytes())) {
      throw CsiException.alreadyExists(
          "volume "
              + request.name()
              + " already exists with "
              + recorded
              + " bytes, which does not fit the requested capacity range");
    }
    return recorded;
  }

  private ProvisionedVolume provisioned(
      VolumeRequest request, P placement, Reservation reservation, long size) {
    CsiId id = new CsiId(request.clusterId(), placement.locationId(), reservation.uuid());
    Map<String, String> context = new HashMap<>(passedToNode(request.parameters()));
    context.putAll(backend.volumeContext(placement, reservation.objectName()));
    context.put("clusterID", request.clusterId());
    return new ProvisionedVolume(id.encode(), size, context);
  }

  /** StorageClass parameters the node needs, minus the provisioner's own csi.storage keys. */
  private static Map<String, String> passedToNode(Map<String, String> parameters) {
    Map<String, String> kept = new HashMap<>();
    parameters.forEach(
        (key, value) -> {
          if (!key.startsWith("csi.storage.k8s.io/")) {
            kept.put(key, value);
          }
        });
    return kept;
  }
}
