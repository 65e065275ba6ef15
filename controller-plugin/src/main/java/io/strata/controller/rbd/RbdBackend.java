package io.strata.controller.rbd;

import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.Errno;
import io.strata.ceph.Omap;
import io.strata.ceph.Pools;
import io.strata.ceph.RbdImages;
import io.strata.controller.flow.SourceObject;
import io.strata.controller.flow.VolumeBackend;
import io.strata.controller.flow.VolumeSource;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.journal.Journal;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RBD images as CSI volumes: one image per volume in the StorageClass's pool. Snapshots and clones
 * are copy-on-write clones (format 2), so a volume stays deletable while its snapshots live; see
 * docs/rbd-snapshots.md.
 */
public final class RbdBackend implements VolumeBackend<RbdPlacement> {
  private static final Logger LOG = LoggerFactory.getLogger(RbdBackend.class);
  public static final String POOL = "pool";

  /** Clone chains longer than this are flattened, so reads never walk a long chain of parents. */
  public static final int DEFAULT_CLONE_DEPTH_LIMIT = 4;

  // what this plugin names images: a prefix, then the journal uuid
  private static final Pattern OWN_IMAGE =
      Pattern.compile(".*[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final int cloneDepthLimit;

  public RbdBackend() {
    this(DEFAULT_CLONE_DEPTH_LIMIT);
  }

  public RbdBackend(int cloneDepthLimit) {
    this.cloneDepthLimit = cloneDepthLimit;
  }

  @Override
  public RbdPlacement place(ClusterSession cluster, Map<String, String> parameters) {
    String pool = parameters.get(POOL);
    if (pool == null || pool.isEmpty()) {
      throw CsiException.invalidArgument("parameter pool is required: the RBD pool for images");
    }
    long poolId;
    try {
      poolId = cluster.connection().poolId(pool);
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        throw CsiException.invalidArgument("pool " + pool + " does not exist in the cluster");
      }
      throw e;
    }
    return placement(cluster, pool, poolId);
  }

  @Override
  public RbdPlacement locate(ClusterSession cluster, long poolId) {
    try {
      return placement(cluster, cluster.connection().poolName(poolId), poolId);
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        throw CsiException.notFound("pool id " + poolId + " does not exist");
      }
      throw e;
    }
  }

  @Override
  public List<RbdPlacement> placements(ClusterSession cluster) {
    return new Pools(cluster.connection())
        .list().stream()
            .filter(pool -> pool.applications().contains("rbd"))
            .map(pool -> placement(cluster, pool.name(), pool.id()))
            .toList();
  }

  /** Images and their journals share the pool and the cluster's rados namespace. */
  private static RbdPlacement placement(ClusterSession cluster, String pool, long poolId) {
    CephConnection connection = cluster.connection();
    String namespace = cluster.config().rbd().radosNamespace();
    Omap omap = new Omap(connection, pool, namespace);
    return new RbdPlacement(
        connection,
        pool,
        namespace,
        poolId,
        new RbdImages(connection, pool, namespace),
        new Journal(omap, Journal.Kind.VOLUME),
        new Journal(omap, Journal.Kind.SNAPSHOT));
  }

  @Override
  public void create(RbdPlacement placement, String image, long sizeBytes) {
    ignoring(
        Errno.EEXIST,
        () -> placement.images().create(image, sizeBytes, RbdImages.FEATURE_LAYERING));
    // EEXIST: a retry after a crash between create and reply; the image is ours
  }

  /**
   * Restores clone {@code snapshot image@snapshot image}; clones of volumes take a temporary
   * snapshot of the source, named after the new image, and remove it once the clone holds it.
   */
  @Override
  public int createFrom(
      RbdPlacement placement, String image, long sizeBytes, SourceObject<RbdPlacement> source) {
    RbdImages from = source.placement().images();
    boolean fromVolume = source.kind() == VolumeSource.Kind.VOLUME;
    String parentSnapshot = fromVolume ? image : source.objectName();
    try {
      if (size(placement, image).isEmpty()) {
        if (fromVolume) {
          ignoring(Errno.EEXIST, () -> from.createSnapshot(source.objectName(), parentSnapshot));
        }
        ignoring(
            Errno.EEXIST,
            () ->
                placement
                    .images()
                    .clone(
                        from,
                        source.objectName(),
                        parentSnapshot,
                        image,
                        RbdImages.FEATURE_LAYERING));
      }
    } finally {
      if (fromVolume) {
        // with clone format 2 a snapshot that has a clone moves to the trash namespace
        ignoring(Errno.ENOENT, () -> from.removeSnapshot(source.objectName(), parentSnapshot));
      }
    }
    expand(placement, image, sizeBytes);
    return boundDepth(placement, image, source.depth() + 1);
  }

  @Override
  public void describe(RbdPlacement placement, String image, Map<String, String> metadata) {
    placement.images().setMetadata(image, metadata);
  }

  @Override
  public OptionalLong size(RbdPlacement placement, String image) {
    try {
      return OptionalLong.of(placement.images().size(image));
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  @Override
  public void expand(RbdPlacement placement, String image, long sizeBytes) {
    if (placement.images().size(image) < sizeBytes) {
      placement.images().resize(image, sizeBytes);
    }
  }

  /**
   * Removes the image; one that clients still have open (EBUSY) or whose snapshots still have
   * clones (ENOTEMPTY) goes to the trash, and the manager removes it once they let go.
   */
  @Override
  public void delete(RbdPlacement placement, String image) {
    RbdImages images = placement.images();
    try {
      images.remove(image);
    } catch (CephException e) {
      switch (e.kind()) {
        case ENOENT -> {}
        case EBUSY, ENOTEMPTY -> moveToTrash(images, image);
        default -> throw e;
      }
    }
    sweepTrash(images);
  }

  private static void moveToTrash(RbdImages images, String image) {
    String id = images.id(image);
    images.moveToTrash(image);
    try {
      images.scheduleTrashRemoval(id);
    } catch (CephException e) {
      // the next delete in this pool sweeps the trash as well
      LOG.warn("could not ask the manager to remove trashed image {}: {}", id, e.getMessage());
    }
  }

  /**
   * Removes our trashed images that nothing holds any more (their last clone was deleted). Removing
   * one can free its parent, so passes repeat until one removes nothing.
   */
  private static void sweepTrash(RbdImages images) {
    boolean removedAny = true;
    while (removedAny) {
      removedAny = false;
      for (RbdImages.TrashEntry entry : images.trash()) {
        if (OWN_IMAGE.matcher(entry.name()).matches() && removeFromTrash(images, entry)) {
          removedAny = true;
        }
      }
    }
  }

  /** False while clients or clones still hold the image. */
  private static boolean removeFromTrash(RbdImages images, RbdImages.TrashEntry entry) {
    try {
      images.removeFromTrash(entry.id());
      return true;
    } catch (CephException e) {
      if (e.kind() == Errno.ENOTEMPTY || e.kind() == Errno.EBUSY || e.kind() == Errno.ENOENT) {
        return false;
      }
      throw e;
    }
  }

  /**
   * A snapshot is an image cloned from a temporary snapshot of the volume, with one snapshot of its
   * own that restores clone from. The volume keeps nothing (the temporary snapshot waits in the
   * trash namespace until the clone goes), so it stays deletable.
   */
  @Override
  public int snapshot(
      RbdPlacement placement, String volume, int volumeDepth, String snapshotImage) {
    RbdImages images = placement.images();
    if (size(placement, snapshotImage).isEmpty()) {
      ignoring(Errno.EEXIST, () -> images.createSnapshot(volume, snapshotImage));
      ignoring(
          Errno.EEXIST,
          () ->
              images.clone(
                  images, volume, snapshotImage, snapshotImage, RbdImages.FEATURE_LAYERING));
    }
    ignoring(Errno.ENOENT, () -> images.removeSnapshot(volume, snapshotImage));
    int depth = boundDepth(placement, snapshotImage, volumeDepth + 1);
    ignoring(Errno.EEXIST, () -> images.createSnapshot(snapshotImage, snapshotImage));
    return depth;
  }

  @Override
  public void deleteSnapshot(RbdPlacement placement, String volume, String snapshotImage) {
    RbdImages images = placement.images();
    // a crash during creation can leave the temporary snapshot on the volume
    ignoring(Errno.ENOENT, () -> images.removeSnapshot(volume, snapshotImage));
    ignoring(Errno.ENOENT, () -> images.removeSnapshot(snapshotImage, snapshotImage));
    delete(placement, snapshotImage);
  }

  /** Flattens an image whose chain of parents grew past the limit; returns its depth after. */
  private int boundDepth(RbdPlacement placement, String image, int depth) {
    if (depth <= cloneDepthLimit) {
      return depth;
    }
    // EINVAL: a retry of a flatten that already finished, the image has no parent left
    ignoring(Errno.EINVAL, () -> placement.images().flatten(image));
    return 0;
  }

  @Override
  public boolean growsOnNode() {
    return true; // ext4 and xfs grow only when the node resizes them
  }

  @Override
  public boolean isModifiable() {
    return true;
  }

  @Override
  public void modify(RbdPlacement placement, String image, Map<String, String> mutableParameters) {
    placement.images().setMetadata(image, RbdQos.metadata(mutableParameters));
  }

  @Override
  public long availableBytes(RbdPlacement placement) {
    return new Pools(placement.connection()).maxAvailable(placement.pool()).orElse(0);
  }

  @Override
  public Map<String, String> volumeContext(RbdPlacement placement, String image) {
    return Map.of(
        "pool", placement.pool(), "radosNamespace", placement.namespace(), "imageName", image);
  }

  /** Runs a Ceph call whose {@code expected} error means the work was already done. */
  private static void ignoring(Errno expected, Runnable call) {
    try {
      call.run();
    } catch (CephException e) {
      if (e.kind() != expected) {
        throw e;
      }
    }
  }
}
