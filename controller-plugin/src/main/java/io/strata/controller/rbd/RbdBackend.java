package io.strata.controller.rbd;

import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.Errno;
import io.strata.ceph.Omap;
import io.strata.ceph.RbdImages;
import io.strata.controller.flow.VolumeBackend;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.journal.Journal;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Pattern;

/** RBD images as CSI volumes: one image per volume in the StorageClass's pool. */
public final class RbdBackend implements VolumeBackend<RbdPlacement> {
  public static final String POOL = "pool";
  public static final String NAME_PREFIX = "volumeNamePrefix";
  static final String DEFAULT_PREFIX = "csi-vol-";
  private static final Pattern SAFE_PREFIX = Pattern.compile("[A-Za-z0-9._-]{0,64}");

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

  /** Images and their journal share the pool and the cluster's rados namespace. */
  private static RbdPlacement placement(ClusterSession cluster, String pool, long poolId) {
    CephConnection connection = cluster.connection();
    String namespace = cluster.config().rbd().radosNamespace();
    Journal journal = new Journal(new Omap(connection, pool, namespace), Journal.Kind.VOLUME);
    return new RbdPlacement(
        pool, namespace, poolId, new RbdImages(connection, pool, namespace), journal);
  }

  @Override
  public String objectNamePrefix(Map<String, String> parameters) {
    String prefix = parameters.getOrDefault(NAME_PREFIX, DEFAULT_PREFIX);
    if (!SAFE_PREFIX.matcher(prefix).matches()) {
      throw CsiException.invalidArgument(
          "volumeNamePrefix must be at most 64 characters of letters, digits, '.', '_', '-'");
    }
    return prefix;
  }

  @Override
  public void create(RbdPlacement placement, String image, long sizeBytes) {
    try {
      placement.images().create(image, sizeBytes, RbdImages.FEATURE_LAYERING);
    } catch (CephException e) {
      if (e.kind() != Errno.EEXIST) {
        throw e;
      }
      // a retry after a crash between create and reply: the image is ours, created before
    }
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

  @Override
  public void delete(RbdPlacement placement, String image) {
    try {
      placement.images().remove(image);
    } catch (CephException e) {
      if (e.kind() != Errno.ENOENT) {
        throw e;
      }
    }
  }

  @Override
  public Map<String, String> volumeContext(RbdPlacement placement, String image) {
    return Map.of(
        "pool", placement.pool(), "radosNamespace", placement.namespace(), "imageName", image);
  }
}
