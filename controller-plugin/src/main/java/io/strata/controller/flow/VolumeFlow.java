package io.strata.controller.flow;

import io.strata.csi.ClusterAccess;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.DaemonThreads;
import io.strata.csi.NameLocks;
import io.strata.csi.id.CsiId;
import io.strata.csi.journal.Journal;
import io.strata.csi.journal.Reservation;
import java.util.HashMap;
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

  private final VolumeBackend<P> backend;
  private final long maxVolumeBytes;
  private final ClusterAccess clusters;
  private final NameLocks locks;
  private final Catalog<P> catalog;
  private final Listing<P> listing;

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
    this.backend = backend;
    this.maxVolumeBytes = maxVolumeBytes;
    this.clusters = clusters;
    this.locks = locks;
    this.catalog = new Catalog<>(backend, clusters);
    this.listing = new Listing<>(backend, clusters, catalog);
  }

  public ProvisionedVolume create(VolumeRequest request) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(request.name(), "volume " + request.name())) {
      ClusterSession cluster = clusters.connect(request.clusterId(), request.secrets());
      P placement = backend.place(cluster, request.parameters());
      Optional<SourceObject<P>> source = request.source().map(s -> resolve(s, request));
      Map<String, String> attributes = new HashMap<>();
      attributes.put(Attributes.SIZE, Long.toString(withinBound(sizeFor(request, source))));
      attributes.put(Attributes.STATE, Attributes.CREATING);
      request.source().ifPresent(s -> attributes.put(Attributes.SOURCE, s.journalForm()));
      // an existing reservation comes back unchanged, with the size and source it was made with
      Journal.Pending reserved =
          placement
              .volumeJournal()
              .reserveWhileCreating(
                  request.name(), objectNamePrefix(request.parameters()), attributes, entryWriter);
      Reservation reservation = reserved.reservation();
      requireSameRequest(request, reservation);
      long size =
          Attributes.isReady(reservation)
              ? proven(placement, reservation)
              : make(request, placement, source, reserved);
      CsiId id = new CsiId(request.clusterId(), placement.locationId(), reservation.uuid());
      Map<String, String> context = new HashMap<>(passedToNode(request.parameters()));
      context.putAll(backend.volumeContext(placement, reservation.objectName()));
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
    long recorded = Long.parseLong(reservation.attribute(Attributes.SIZE));
    String object = reservation.objectName();
    Map<String, String> made = new HashMap<>(Attributes.READY_STATE);
    try {
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
      long size =
          source.isPresent() || reserved.resumed() ? proven(placement, reservation) : recorded;
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

  /** The size of a reservation's object, opened to prove it is whole; INTERNAL when it is not. */
  private long proven(P placement, Reservation reservation) {
    long recorded = Long.parseLong(reservation.attribute(Attributes.SIZE));
    long size =
        backend
            .size(placement, reservation.objectName())
            .orElseThrow(
                () ->
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
  private SourceObject<P> resolve(VolumeSource source, VolumeRequest request) {
    Journal.Kind kind =
        source.kind() == VolumeSource.Kind.SNAPSHOT ? Journal.Kind.SNAPSHOT : Journal.Kind.VOLUME;
    CsiId id = CsiId.decode(source.id()).orElseThrow(() -> Catalog.notFound(kind, source.id()));
    if (!id.clusterId().equals(request.clusterId())) {
      throw CsiException.invalidArgument(
          "content source "
              + source.id()
              + " is in cluster "
              + id.clusterId()
              + ", not in the StorageClass's cluster "
              + request.clusterId());
    }
    Catalog.Entry<P> entry =
        catalog
            .find(kind, id, Connector.withSecrets(clusters, request.secrets()))
            .filter(e -> Attributes.isReady(e.reservation()))
            .orElseThrow(() -> Catalog.notFound(kind, source.id()));
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
      backend.delete(placement, reserved.reservation().objectName());
      placement.volumeJournal().release(reserved.reservation());
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
      Optional<Catalog.Entry<P>> found =
          catalog.find(Journal.Kind.VOLUME, id.get(), Connector.withSecrets(clusters, secrets));
      if (found.isEmpty()) {
        return;
      }
      if (found.get().reservation().isComplete()) {
        backend.delete(found.get().placement(), found.get().object());
      }
      found.get().placement().volumeJournal().release(id.get().uuid());
    }
  }

  /** Grows a volume to at least {@code sizeBytes}; returns the size it now has. */
  public long expand(String volumeId, long sizeBytes, Map<String, String> secrets) {
    try (NameLocks.Lease lease = locks.acquireOrAbort(volumeId, "volume " + volumeId)) {
      Catalog.Entry<P> found =
          catalog.require(Journal.Kind.VOLUME, volumeId, Connector.withSecrets(clusters, secrets));
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
    return backend.size(entry.placement(), entry.object()).stream()
        .mapToObj(size -> describe(entry, size))
        .findFirst();
  }

  private ProvisionedVolume describe(Catalog.Entry<P> entry, long size) {
    Map<String, String> context =
        new HashMap<>(backend.volumeContext(entry.placement(), entry.object()));
    context.put("clusterID", entry.id().clusterId());
    return new ProvisionedVolume(entry.id().encode(), size, context, sourceOf(entry));
  }

  private static Optional<VolumeSource> sourceOf(Catalog.Entry<?> entry) {
    String recorded = entry.attribute(Attributes.SOURCE);
    if (recorded == null) {
      return Optional.empty();
    }
    String[] kindAndId = recorded.split(":", 2);
    return Optional.of(
        new VolumeSource(VolumeSource.Kind.valueOf(kindAndId[0].toUpperCase()), kindAndId[1]));
  }

  private static void requireSameRequest(VolumeRequest request, Reservation reservation) {
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
    parameters.forEach(
        (key, value) -> {
          if (METADATA_KEYS.contains(key)) {
            kept.put(key, value);
          }
        });
    return kept;
  }

  /** StorageClass parameters the node needs, minus the provisioner's own csi.storage keys. */
  private static Map<String, String> passedToNode(Map<String, String> parameters) {
    Map<String, String> kept = new HashMap<>();
    parameters.forEach(
        (key, value) -> {
          if (!key.startsWith(PROVISIONER_PREFIX)) {
            kept.put(key, value);
          }
        });
    return kept;
  }
}
