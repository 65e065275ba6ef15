package io.strata.cli.bench;

import io.strata.ceph.CephConnection;
import io.strata.ceph.RbdImages;
import java.util.Optional;

/**
 * The baseline for RBD: the librbd calls a volume, a snapshot and a restore need at the least,
 * straight through ceph-client with no journal, locks or gRPC. A snapshot is one RBD snapshot on
 * the image ({@code image@snap}); a restore clones it (clone format 2).
 */
final class RawRbd implements Target {
  private final CephConnection connection;
  private final RbdImages images;
  private final String label;

  RawRbd(CephConnection connection, String pool, String namespace) {
    this.connection = connection;
    this.images = new RbdImages(connection, pool, namespace);
    this.label = "raw rbd " + (namespace.isEmpty() ? pool : pool + "/" + namespace);
  }

  @Override
  public String label() {
    return label;
  }

  @Override
  public Volume createVolume(String name, long sizeBytes, Optional<String> fromSnapshot) {
    if (fromSnapshot.isPresent()) {
      SnapshotId snapshot = SnapshotId.parse(fromSnapshot.get());
      images.clone(
          images, snapshot.volume(), snapshot.snapshot(), name, RbdImages.FEATURE_LAYERING);
    } else {
      images.create(name, sizeBytes, RbdImages.FEATURE_LAYERING);
    }
    return new Volume(name, name, java.util.Map.of());
  }

  @Override
  public void deleteVolume(String volumeId) {
    images.remove(volumeId);
  }

  @Override
  public String createSnapshot(Volume source, String name) {
    images.createSnapshot(source.id(), name);
    return new SnapshotId(source.id(), name).toString();
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    SnapshotId snapshot = SnapshotId.parse(snapshotId);
    images.removeSnapshot(snapshot.volume(), snapshot.snapshot());
  }

  @Override
  public void close() {
    connection.close();
  }
}
