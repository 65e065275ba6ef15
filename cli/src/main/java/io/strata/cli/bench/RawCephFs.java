package io.strata.cli.bench;

import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.CloneState;
import io.strata.ceph.CloneStatus;
import io.strata.ceph.Errno;
import io.strata.ceph.Subvolumes;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The baseline for CephFS: the manager's volumes-module commands a volume, a snapshot and a restore
 * need, with no journal, locks or gRPC. A restore is a subvolume clone, polled until complete,
 * which is when a user can mount it.
 */
final class RawCephFs implements Target {
  private static final Duration CLONE_POLL = Duration.ofMillis(25);

  private final CephConnection connection;
  private final Subvolumes subvolumes;

  RawCephFs(CephConnection connection, String fsName, String group) {
    this.connection = connection;
    this.subvolumes = new Subvolumes(connection, fsName, group);
    subvolumes.createGroup(); // once, untimed: the plugin creates it once too
  }

  @Override
  public String label() {
    return "raw cephfs " + subvolumes.fsName() + "/" + subvolumes.group();
  }

  @Override
  public Volume createVolume(String name, long sizeBytes, Optional<String> fromSnapshot) {
    if (fromSnapshot.isPresent()) {
      SnapshotId snapshot = SnapshotId.parse(fromSnapshot.get());
      subvolumes.clone(snapshot.volume(), snapshot.snapshot(), name, null);
      awaitClone(name);
    } else {
      subvolumes.create(name, sizeBytes, null);
    }
    return new Volume(name, name, Map.of());
  }

  private void awaitClone(String name) {
    while (true) {
      CloneStatus status = subvolumes.cloneStatus(name);
      if (status.state().isFinal()) {
        if (status.state() != CloneState.COMPLETE) {
          subvolumes.remove(name, true); // a failed clone stays until removed with force
          throw new CephException(
              "clone " + name, Errno.EIO.value(), status.state() + " " + status.failure());
        }
        return;
      }
      try {
        Thread.sleep(CLONE_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new CephException("clone " + name, Errno.EINTR.value(), "interrupted");
      }
    }
  }

  @Override
  public void deleteVolume(String volumeId) {
    subvolumes.remove(volumeId, false);
  }

  @Override
  public String createSnapshot(Volume source, String name) {
    subvolumes.snapshotCreate(source.id(), name);
    return new SnapshotId(source.id(), name).toString();
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    SnapshotId snapshot = SnapshotId.parse(snapshotId);
    subvolumes.snapshotRemove(snapshot.volume(), snapshot.snapshot(), false);
  }

  @Override
  public void close() {
    connection.close();
  }
}
