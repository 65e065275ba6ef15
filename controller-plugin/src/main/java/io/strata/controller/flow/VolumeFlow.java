package io.strata.controller.flow;

import io.grpc.Status;
import io.strata.csi.ClusterAccess;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.DaemonThreads;
import io.strata.csi.NameLocks;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Journal;
import io.strata.csi.journal.Reservation;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Volume create, delete, expand and modify, written once for every backend: lock the name, find or
 * reserve it in the journal, make the Ceph object, and undo the reservation when that fails.
 */
public final class VolumeFlow<P extends Placement> {
  /** Provisioner keys (external-provisioner --extra-create-metadata) kept on the object. */
  private static final String PROVISIONER_PREFIX = "csi.storage.k8s.io/";

  private static final java.util.Set<String> METADATA_KEYS =
      java.util.Set.of(
          "csi.storage.k8s.io/pvc/name",
          "csi.storage.k8s.io/pvc/namespace",
          "csi.storage.k8s.io/pv/name");

  /** StorageClass parameter naming Ceph objects: prefix + journal uuid. */
  static final String NAME_PREFIX = "volumeNamePrefix";

  private static final String DEFAULT_PREFIX = "csi-vol-";
  private static final java.util.regex.Pattern SAFE_PREFIX =
      java.util.regex.Pattern.compile("[A-Za-z0-9._-]{0,64}");

  /**
   * 64 TiB, the largest volume of the big clouds' block stores. librbd removes an image with an
   * object map this large in about 13 s here; one without takes hours (100 s per TiB).
   */
  public static final long DEFAULT_MAX_VOLUME_BYTES = 64L << 40;

  private static final int REAP_PAGE = 256;

  private final VolumeBackend<P> backend;
  private final long maxVolumeBytes;
  private final ClusterAccess clusters;
  private final NameLocks locks;
  private final Catalog<P> catalog;
  private final Listing<P> listing;
  private final SnapshotBackedVolumes<P> snapshotBacked;
  private final Clock clock;

  /** Writes journal entries while the caller's thread makes the Ceph object. */
  private final ExecutorService entryWriter =
      Executors.newCachedThreadPool(DaemonThreads.named("journal-entry"));

  public VolumeFlow(VolumeBackend<P> backend, ClusterAccess clusters, NameLocks locks) {
    this(backend, clusters, locks, DEFAULT_MAX_VOLUME_BYTES);
  }

  /**
   * @param maxVolumeBytes the largest volume CreateVolume and ControllerExpandVolume make
   */
  public VolumeFlow(
      VolumeBackend<P> backend, ClusterAccess clusters, NameLocks locks, long maxVolumeBytes) {
    this(backend, clusters, locks, maxVolumeBytes, Clock.systemUTC());
  }

  VolumeFlow(
      VolumeBackend<P> backend,
      ClusterAccess clusters,
      NameLocks locks,
      long maxVolumeBytes,
      Clock clock) {
    this.clock = clock;
    this.backend = backend;
    this.maxVolumeBytes = maxVolumeBytes;
    this.clusters = clusters;
    this.locks = locks;
    this.catalog = new Catalog<>(backend, clusters);
    this.listing = new Listing<>(backend, clusters, catalog);
    this.snapshotBacked = new SnapshotBackedVolumes<>(backend, locks);
  }

  public ProvisionedVolume create(VolumeRequest request) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(request.name(), "volume " + request.name())) {
      ClusterSession cluster = clusters.connect(request.clusterId(), request.secrets());
      P placement = backend.place(cluster, request.parameters());
      Connector connector = Connector.withSecrets(clusters, request.secrets());
      Optional<SourceObject<P>> source =
          request.source().map(s -> resolve(s, request.clusterId(), connector));
      boolean backed = snapshotBacked.requested(request);
      Map<String, String> attributes = new HashMap<>();
      attributes.put(Attributes.SIZE, Long.toString(withinBound(sizeFor(request, source))));
      attributes.put(Attributes.STATE, Attributes.CREATING);
      attributes.put(Attributes.ASKED, Long.toString(clock.millis()));
      request.source().ifPresent(s -> attributes.put(Attributes.SOURCE, s.journalForm()));
      if (backed) {
        requireSameLocation(placement, source.get());
        attributes.putAll(SnapshotBackedVolumes.attributesFor(source.get()));
      }
      // an existing reservation comes back unchanged, with the size and source it was made with
      Journal.Pending reserved =
          placement
              .volumeJournal()
              .reserveWhileCreating(
                  request.name(), objectNamePrefix(request.parameters()), attributes, entryWriter);
      Reservation reservation = reserved.reservation();
      requireSameRequest(request, backed, reservation);
      long size =
          Attributes.isReady(reservation)
              ? proven(placement, reservation)
              : make(request, placement, source, reserved);
      CsiId id = new CsiId(request.clusterId(), placement.locationId(), reservation.uuid());
      Map<String, String> context = new HashMap<>(passedToNode(request.parameters()));
      context.putAll(contextOf(placement, reservation));
      context.put("clusterID", request.clusterId());
      return new ProvisionedVolume(id.encode(), size, context, request.source());
    }
  }

  /**
   * Makes the Ceph object of a reservation, proves it, and marks the entry READY; returns the size
   * it has. What an earlier request of the name left (a crash can cut an RBD create in half) is
   * discarded first: nobody was ever handed it.
   */
  private long make(
      VolumeRequest request,
      P placement,
      Optional<SourceObject<P>> source,
      Journal.Pending reserved) {
    Reservation reservation = reserved.reservation();
    Map<String, String> made = new HashMap<>(Attributes.READY_STATE);
    if (reserved.resumed()) {
      reserved.awaitEntry();
      placement.volumeJournal().annotate(reservation.uuid(), asked());
    }
    try {
      long size =
          Attributes.isSnapshotBacked(reservation)
              ? pinned(placement, reserved)
              : makeObject(request, placement, source, reserved, made);
      made.put(Attributes.SIZE, Long.toString(size)); // a copy can come out larger than asked
      reserved.awaitEntry();
      placement.volumeJournal().annotate(reservation.uuid(), made);
      return size;
    } catch (InProgress pending) {
      reserved.awaitEntry();
      throw pending;
    } catch (RuntimeException failure) {
      undo(placement, reserved, failure);
      throw failure;
    }
  }

  /**
   * A snapshot-backed volume has no object to make: its snapshot is pinned once the entry that the
   * pin names exists.
   */
  private long pinned(P placement, Journal.Pending reserved) {
    reserved.awaitEntry();
    snapshotBacked.pin(placement, reserved.reservation());
    return Long.parseLong(reserved.reservation().attribute(Attributes.SIZE));
  }

  /** Makes the Ceph object, records its depth in {@code made}, and returns its proven size. */
  private long makeObject(
      VolumeRequest request,
      P placement,
      Optional<SourceObject<P>> source,
      Journal.Pending reserved,
      Map<String, String> made) {
    Reservation reservation = reserved.reservation();
    long recorded = Long.parseLong(reservation.attribute(Attributes.SIZE));
    String object = reservation.objectName();
    if (reserved.resumed()) {
      backend.discardUnfinished(placement, object, source);
    }
    if (source.isPresent()) {
      int depth = backend.createFrom(placement, object, recorded, source.get());
      made.put(Attributes.DEPTH, Integer.toString(depth));
    } else {
      backend.create(placement, object, recorded);
    }
    if (!request.mutableParameters().isEmpty()) {
      backend.modify(placement, object, request.mutableParameters());
    }
    Map<String, String> metadata = metadata(request.parameters());
    if (!metadata.isEmpty()) {
      backend.describe(placement, object, metadata);
    }
    // a fresh create that librbd or the manager acknowledged is whole; anything else is opened
    return source.isPresent() || reserved.resumed() ? proven(placement, reservation) : recorded;
  }

  /** The size of a reservation's object, opened to prove it is whole; INTERNAL when it is not. */
  private long proven(P placement, Reservation reservation) {
    long recorded = Long.parseLong(reservation.attribute(Attributes.SIZE));
    if (Attributes.isSnapshotBacked(reservation)) {
      if (!snapshotBacked.exists(placement, reservation)) {
        throw CsiException.internal(
            "volume "
                + reservation.requestName()
                + " is recorded but the snapshot "
                + reservation.attribute(Attributes.BACKING)
                + " it shows cannot be found (removed outside the driver?)");
      }
      return recorded;
    }
    long size =
        backend
            .size(placement, reservation.objectName())
            .orElseThrow(() ->
                CsiException.internal(
                    "volume "
                        + reservation.requestName()
                        + " is recorded but its Ceph object "
                        + reservation.objectName()
                        + " cannot be opened (removed outside the driver?)"));
    if (size < recorded) {
      throw CsiException.internal(
          "volume "
              + reservation.requestName()
              + " has "
              + size
              + " bytes, less than the "
              + recorded
              + " it was made with");
    }
    return size;
  }

  /** The source's object; NOT_FOUND when it is gone, INVALID_ARGUMENT across clusters. */
  private SourceObject<P> resolve(VolumeSource source, String clusterId, Connector connector) {
    Journal.Kind kind =
        source.kind() == VolumeSource.Kind.SNAPSHOT ? Journal.Kind.SNAPSHOT : Journal.Kind.VOLUME;
    CsiId id = CsiId.decode(source.id()).orElseThrow(() -> Catalog.notFound(kind, source.id()));
    if (!id.clusterId().equals(clusterId)) {
      throw CsiException.invalidArgument(
          "content source "
              + source.id()
              + " is in cluster "
              + id.clusterId()
              + ", not in the StorageClass's cluster "
              + clusterId);
    }
    Catalog.Entry<P> entry =
        catalog
            .find(kind, id, connector)
            .filter(e -> Attributes.isReady(e.reservation()))
            .orElseThrow(() -> Catalog.notFound(kind, source.id()));
    if (Attributes.isSnapshotBacked(entry.reservation())) {
      // a clone of a volume that shows a snapshot is a restore of that snapshot
      return new SourceObject<>(
          VolumeSource.Kind.SNAPSHOT,
          entry.placement(),
          entry.attribute(Attributes.BACKING),
          entry.attribute(Attributes.PARENT),
          entry.size(),
          entry.depth());
    }
    String volumeObject =
        kind == Journal.Kind.SNAPSHOT ? entry.attribute(Attributes.PARENT) : entry.object();
    return new SourceObject<>(
        source.kind(),
        entry.placement(),
        entry.object(),
        volumeObject,
        entry.size(),
        entry.depth());
  }

  /** A snapshot-backed volume lives beside its snapshot: its StorageClass must name that place. */
  private static <P extends Placement> void requireSameLocation(
      P placement, SourceObject<P> snapshot) {
    if (snapshot.placement().locationId() != placement.locationId()) {
      throw CsiException.invalidArgument(
          SnapshotBackedVolumes.PARAMETER
              + " volumes are served where their snapshot is: the StorageClass must name the"
              + " snapshot's filesystem");
    }
  }

  /** The request's size, or the source's when the request left it open or asked for less. */
  private static long sizeFor(VolumeRequest request, Optional<? extends SourceObject<?>> source) {
    long size = request.sizeBytes();
    if (source.isPresent()) {
      long sourceSize = source.get().sizeBytes();
      if (size != 0 && size < sourceSize) {
        throw CsiException.outOfRange(
            "requested "
                + size
                + " bytes, but the content source holds "
                + sourceSize
                + " bytes; ask for at least that much");
      }
      size = Math.max(size, sourceSize);
    }
    if (request.limitBytes() > 0 && size > request.limitBytes()) {
      throw CsiException.outOfRange(
          "the content source needs "
              + size
              + " bytes, more than limit_bytes "
              + request.limitBytes());
    }
    return size;
  }

  /** OUT_OF_RANGE for a size beyond the plugin's bound. */
  private long withinBound(long sizeBytes) {
    if (sizeBytes > maxVolumeBytes) {
      throw CsiException.outOfRange(
          sizeBytes
              + " bytes is more than the largest volume this driver makes, "
              + maxVolumeBytes
              + " bytes (the controller's --max-volume-bytes)");
    }
    return sizeBytes;
  }

  /**
   * Removes what a failed create may have left (a timed-out create can still have made the object),
   * then the reservation; if the object cannot be removed the reservation stays, so a retry or a
   * delete still finds it.
   */
  private void undo(P placement, Journal.Pending reserved, RuntimeException failure) {
    try {
      reserved.awaitEntry();
    } catch (RuntimeException entryFailure) {
      failure.addSuppressed(entryFailure);
    }
    try {
      if (!Attributes.isSnapshotBacked(reserved.reservation())) {
        backend.delete(placement, reserved.reservation().objectName());
      }
      placement.volumeJournal().release(reserved.reservation());
    } catch (RuntimeException undoFailure) {
      failure.addSuppressed(undoFailure);
    }
  }

  /**
   * Undoes the creates nobody has asked for in {@code idle}: entries still CREATING whose PVC was
   * deleted while Ceph copied (the CO stops asking and never calls DeleteVolume for a volume it was
   * not handed), or whose create a crash cut and nobody retried. Their objects are removed, a copy
   * still running is cancelled, and what they put on their source goes. Needs the plugin's own
   * credentials; an entry written before {@link Attributes#ASKED} existed is stamped now and undone
   * one {@code idle} later.
   *
   * @return the request names of the creates undone
   */
  public List<String> reapAbandoned(Duration idle) {
    long cutoff = clock.millis() - idle.toMillis();
    Connector connector = Connector.asPlugin(clusters);
    List<String> reaped = new ArrayList<>();
    for (Listing.Location<P> location : listing.everywhere(connector)) {
      Journal journal = location.placement().volumeJournal();
      String after = "";
      do {
        Journal.Page page = journal.list(after, REAP_PAGE);
        for (Journal.Listed listed : page.entries()) {
          if (reapIfAbandoned(location, listed, cutoff, connector)) {
            reaped.add(listed.name());
          }
        }
        after = page.nextName();
      } while (!after.isEmpty());
    }
    return reaped;
  }

  private boolean reapIfAbandoned(
      Listing.Location<P> location, Journal.Listed listed, long cutoff, Connector connector) {
    Optional<NameLocks.Lease> lease = locks.tryAcquire(listed.name());
    if (lease.isEmpty()) {
      return false; // a CreateVolume of it runs now
    }
    try (NameLocks.Lease held = lease.get()) {
      P placement = location.placement();
      Journal journal = placement.volumeJournal();
      Optional<Reservation> found = journal.findById(listed.uuid());
      if (found.isEmpty() || Attributes.isReady(found.get())) {
        return false;
      }
      Reservation reservation = found.get();
      String asked = reservation.attribute(Attributes.ASKED);
      if (asked == null) {
        journal.annotate(reservation.uuid(), asked());
        return false;
      }
      if (Long.parseLong(asked) > cutoff) {
        return false;
      }
      if (Attributes.isSnapshotBacked(reservation)) {
        snapshotBacked.unpin(placement, reservation);
      } else {
        Optional<SourceObject<P>> source =
            VolumeSource.fromJournal(reservation.attribute(Attributes.SOURCE))
                .flatMap(s -> resolveIfPresent(s, location.clusterId(), connector));
        backend.discardAbandoned(placement, reservation.objectName(), source);
      }
      journal.release(reservation.uuid());
      return true;
    }
  }

  /** The source's object, or empty when it is gone (and whatever a clone put on it with it). */
  private Optional<SourceObject<P>> resolveIfPresent(
      VolumeSource source, String clusterId, Connector connector) {
    try {
      return Optional.of(resolve(source, clusterId, connector));
    } catch (CsiException e) {
      if (e.code() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private Map<String, String> asked() {
    return Map.of(Attributes.ASKED, Long.toString(clock.millis()));
  }

  /** Deletes a volume by id; ids this plugin did not write, or volumes already gone, are OK. */
  public void delete(String volumeId, Map<String, String> secrets) {
    Optional<CsiId> id = CsiId.decode(volumeId);
    if (id.isEmpty()) {
      return;
    }
    try (NameLocks.Lease lease = locks.acquireOrAbort(volumeId, "volume " + volumeId)) {
      Optional<Catalog.Entry<P>> found =
          catalog.find(Journal.Kind.VOLUME, id.get(), Connector.withSecrets(clusters, secrets));
      if (found.isEmpty()) {
        return;
      }
      Catalog.Entry<P> volume = found.get();
      if (Attributes.isSnapshotBacked(volume.reservation())) {
        snapshotBacked.unpin(volume.placement(), volume.reservation());
      } else if (volume.reservation().isComplete()) {
        backend.delete(volume.placement(), volume.object());
      }
      volume.placement().volumeJournal().release(id.get().uuid());
    }
  }

  /** Grows a volume to at least {@code sizeBytes}; returns the size it now has. */
  public long expand(String volumeId, long sizeBytes, Map<String, String> secrets) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(volumeId, "volume " + volumeId)) {
      Catalog.Entry<P> found =
          catalog.require(Journal.Kind.VOLUME, volumeId, Connector.withSecrets(clusters, secrets));
      if (Attributes.isSnapshotBacked(found.reservation())) {
        throw CsiException.invalidArgument(
            "volume "
                + volumeId
                + " shows a snapshot read-only and cannot grow; restore the snapshot without "
                + SnapshotBackedVolumes.PARAMETER
                + " for a volume of its own");
      }
      backend.expand(found.placement(), found.object(), withinBound(sizeBytes));
      long size =
          backend
              .size(found.placement(), found.object())
              .orElseThrow(() -> Catalog.notFound(Journal.Kind.VOLUME, volumeId));
      found
          .placement()
          .volumeJournal()
          .annotate(found.id().uuid(), Map.of(Attributes.SIZE, Long.toString(size)));
      return size;
    }
  }

  /** Whether the node must grow a volume's filesystem after an expand. */
  public boolean growsOnNode() {
    return backend.growsOnNode();
  }

  /** Whether volumes take mutable parameters at all. */
  public boolean isModifiable() {
    return backend.isModifiable();
  }

  /** Applies mutable parameters to an existing volume. */
  public void modify(String volumeId, Map<String, String> mutable, Map<String, String> secrets) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(volumeId, "volume " + volumeId)) {
      Catalog.Entry<P> found =
          catalog.require(Journal.Kind.VOLUME, volumeId, Connector.withSecrets(clusters, secrets));
      backend.modify(found.placement(), found.object(), mutable);
    }
  }

  /** A volume whose journal entry and Ceph object both exist. */
  public Optional<ProvisionedVolume> get(String volumeId, Map<String, String> secrets) {
    return get(volumeId, Connector.withSecrets(clusters, secrets));
  }

  /** {@link #get(String, Map)} for ControllerGetVolume, which carries no secrets. */
  public Optional<ProvisionedVolume> getAsPlugin(String volumeId) {
    return get(volumeId, Connector.asPlugin(clusters));
  }

  private Optional<ProvisionedVolume> get(String volumeId, Connector connector) {
    return catalog
        .find(Journal.Kind.VOLUME, volumeId, connector)
        .filter(e -> Attributes.isReady(e.reservation()))
        .flatMap(this::describeIfPresent);
  }

  /** Every volume of every configured cluster, a page at a time, as the journals record them. */
  public Page<ProvisionedVolume> list(String token, int maxEntries) {
    return listing.list(
        Journal.Kind.VOLUME,
        listing.everywhere(Connector.asPlugin(clusters)),
        token,
        maxEntries,
        entry -> Optional.of(describe(entry, entry.size())));
  }

  /**
   * Bytes new volumes with these StorageClass parameters can still get; without a clusterID, the
   * most any location of any cluster offers (locations of one cluster share its disks).
   */
  public long availableBytes(String clusterId, Map<String, String> parameters) {
    if (clusterId.isEmpty()) {
      return listing.everywhere(Connector.asPlugin(clusters)).stream()
          .mapToLong(location -> backend.availableBytes(location.placement()))
          .max()
          .orElse(0);
    }
    ClusterSession cluster = clusters.connectAsPlugin(clusterId);
    return backend.availableBytes(backend.place(cluster, parameters));
  }

  /** The volume an entry names, with the size its Ceph object has now, if the object exists. */
  private Optional<ProvisionedVolume> describeIfPresent(Catalog.Entry<P> entry) {
    if (Attributes.isSnapshotBacked(entry.reservation())) {
      return snapshotBacked.exists(entry.placement(), entry.reservation())
          ? Optional.of(describe(entry, entry.size()))
          : Optional.empty();
    }
    return backend.size(entry.placement(), entry.object()).stream()
        .mapToObj(size -> describe(entry, size))
        .findFirst();
  }

  private ProvisionedVolume describe(Catalog.Entry<P> entry, long size) {
    Map<String, String> context = new HashMap<>(contextOf(entry.placement(), entry.reservation()));
    context.put("clusterID", entry.id().clusterId());
    return new ProvisionedVolume(
        entry.id().encode(),
        size,
        context,
        VolumeSource.fromJournal(entry.attribute(Attributes.SOURCE)));
  }

  /** What the node needs to find a volume: its object, or the snapshot it shows. */
  private Map<String, String> contextOf(P placement, Reservation reservation) {
    return Attributes.isSnapshotBacked(reservation)
        ? snapshotBacked.context(placement, reservation)
        : backend.volumeContext(placement, reservation.objectName());
  }

  private static void requireSameRequest(
      VolumeRequest request, boolean backed, Reservation reservation) {
    long recorded = Long.parseLong(reservation.attribute(Attributes.SIZE));
    if (recorded < request.sizeBytes()
        || (request.limitBytes() > 0 && recorded > request.limitBytes())) {
      throw CsiException.alreadyExists(
          "volume "
              + request.name()
              + " already exists with "
              + recorded
              + " bytes, which does not fit the requested capacity range");
    }
    String source = request.source().map(VolumeSource::journalForm).orElse(null);
    if (!java.util.Objects.equals(source, reservation.attribute(Attributes.SOURCE))) {
      throw CsiException.alreadyExists(
          "volume " + request.name() + " already exists with another content source");
    }
    if (backed != Attributes.isSnapshotBacked(reservation)) {
      throw CsiException.alreadyExists(
          "volume "
              + request.name()
              + " already exists "
              + (backed ? "with a copy of its own" : "served from its snapshot")
              + "; "
              + SnapshotBackedVolumes.PARAMETER
              + " differs");
    }
  }

  private static String objectNamePrefix(Map<String, String> parameters) {
    String prefix = parameters.getOrDefault(NAME_PREFIX, DEFAULT_PREFIX);
    if (!SAFE_PREFIX.matcher(prefix).matches()) {
      throw CsiException.invalidArgument(
          NAME_PREFIX + " must be at most 64 characters of letters, digits, '.', '_', '-'");
    }
    return prefix;
  }

  /** The PVC and PV names the provisioner passed, for whoever inspects the Ceph object later. */
  private static Map<String, String> metadata(Map<String, String> parameters) {
    Map<String, String> kept = new HashMap<>();
    parameters.forEach((key, value) -> {
      if (METADATA_KEYS.contains(key)) {
        kept.put(key, value);
      }
    });
    return kept;
  }

  /** StorageClass parameters the node needs, minus the provisioner's own csi.storage keys. */
  private static Map<String, String> passedToNode(Map<String, String> parameters) {
    Map<String, String> kept = new HashMap<>();
    parameters.forEach((key, value) -> {
      if (!key.startsWith(PROVISIONER_PREFIX)) {
        kept.put(key, value);
      }
    });
    return kept;
  }
}
