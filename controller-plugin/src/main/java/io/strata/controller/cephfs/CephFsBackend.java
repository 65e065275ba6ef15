package io.strata.controller.cephfs;

import io.grpc.Context;
import io.grpc.Deadline;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.CloneStatus;
import io.strata.ceph.Errno;
import io.strata.ceph.Filesystems;
import io.strata.ceph.Omap;
import io.strata.ceph.Pools;
import io.strata.ceph.Subvolumes;
import io.strata.controller.flow.InProgress;
import io.strata.controller.flow.SnapshotFlow;
import io.strata.controller.flow.SourceObject;
import io.strata.controller.flow.VolumeBackend;
import io.strata.controller.flow.VolumeSource;
import io.strata.csi.ClusterSession;
import io.strata.csi.CsiException;
import io.strata.csi.journal.Journal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * CephFS subvolumes as CSI volumes, managed through the manager's volumes module. Size is the
 * subvolume's quota; snapshots are subvolume snapshots; restores and clones are Ceph's asynchronous
 * subvolume clones, full copies, so nothing depends on its source afterwards.
 */
public final class CephFsBackend implements VolumeBackend<CephFsPlacement> {
  public static final String FS_NAME = "fsName";
  public static final String POOL = "pool";

  /** ceph-csi's choice too: one rados namespace of the metadata pool for every CSI journal. */
  static final String JOURNAL_NAMESPACE = "csi";

  /**
   * The longest CreateVolume waits in the call for a clone to complete before answering ABORTED. A
   * caller's deadline shortens it (external-provisioner sends 10 s): the answer then comes just
   * before the caller gives up, so a retry finds the copy further along rather than timing out.
   */
  public static final Duration DEFAULT_CLONE_WAIT = Duration.ofSeconds(60);

  /** What is kept of the caller's deadline for the answer to reach it. */
  private static final Duration ANSWER_MARGIN = Duration.ofMillis(500);

  // every status call takes the volumes module's global lock the cloner needs too: poll gently
  private static final Duration FIRST_POLL = Duration.ofMillis(100);
  private static final Duration LONGEST_POLL = Duration.ofMillis(500);

  /** Subvolume groups known to exist, so CreateVolume asks the manager once per group. */
  private final Set<String> groupsMade = ConcurrentHashMap.newKeySet();

  private final Duration cloneWait;

  public CephFsBackend() {
    this(DEFAULT_CLONE_WAIT);
  }

  public CephFsBackend(Duration cloneWait) {
    this.cloneWait = cloneWait;
  }

  @Override
  public CephFsPlacement place(ClusterSession cluster, Map<String, String> parameters) {
    String fsName = parameters.get(FS_NAME);
    if (fsName == null || fsName.isEmpty()) {
      throw CsiException.invalidArgument("parameter fsName is required: the CephFS filesystem");
    }
    Filesystems.Filesystem filesystem =
        new Filesystems(cluster.connection())
            .byName(fsName)
            .orElseThrow(() ->
                CsiException.invalidArgument(
                    "filesystem " + fsName + " does not exist in the cluster"));
    String dataPool = parameters.get(POOL);
    if (dataPool != null && !dataPool.isEmpty()) {
      requireDataPool(cluster.connection(), filesystem, dataPool);
    }
    CephFsPlacement placement = placement(cluster, filesystem, dataPool);
    String group =
        cluster.config().clusterId() + "/" + fsName + "/" + placement.subvolumes().group();
    if (!groupsMade.contains(group)) {
      placement.subvolumes().createGroup();
      groupsMade.add(group);
    }
    return placement;
  }

  private static void requireDataPool(
      CephConnection connection, Filesystems.Filesystem filesystem, String dataPool) {
    boolean isDataPool =
        new Pools(connection)
            .list().stream()
                .anyMatch(pool ->
                    pool.name().equals(dataPool) && filesystem.dataPoolIds().contains(pool.id()));
    if (!isDataPool) {
      throw CsiException.invalidArgument(
          "pool " + dataPool + " is not a data pool of filesystem " + filesystem.name());
    }
  }

  @Override
  public CephFsPlacement locate(ClusterSession cluster, long fscid) {
    Filesystems.Filesystem filesystem =
        new Filesystems(cluster.connection())
            .byId(fscid)
            .orElseThrow(() -> CsiException.notFound("filesystem id " + fscid + " does not exist"));
    return placement(cluster, filesystem, null);
  }

  @Override
  public List<CephFsPlacement> placements(ClusterSession cluster) {
    return new Filesystems(cluster.connection())
        .list().stream().map(fs -> placement(cluster, fs, null)).toList();
  }

  private static CephFsPlacement placement(
      ClusterSession cluster, Filesystems.Filesystem filesystem, String dataPool) {
    CephConnection connection = cluster.connection();
    Omap omap =
        new Omap(connection, connection.poolName(filesystem.metadataPoolId()), JOURNAL_NAMESPACE);
    return new CephFsPlacement(
        connection,
        filesystem,
        dataPool,
        new Subvolumes(connection, filesystem.name(), cluster.config().cephFs().subvolumeGroup()),
        new Journal(omap, Journal.Kind.VOLUME),
        new Journal(omap, Journal.Kind.SNAPSHOT));
  }

  @Override
  public void create(CephFsPlacement placement, String subvolume, long sizeBytes) {
    placement.subvolumes().create(subvolume, sizeBytes, placement.dataPool());
  }

  /**
   * The manager makes a subvolume in one command, so a plugin crash cannot cut it; what is left is
   * a whole subvolume nobody was handed, removed here so the create starts clean. A clone is the
   * manager's own work in progress: {@link #createFrom} follows it instead.
   */
  @Override
  public void discardUnfinished(
      CephFsPlacement placement, String subvolume, Optional<SourceObject<CephFsPlacement>> source) {
    if (source.isEmpty()) {
      delete(placement, subvolume);
    }
  }

  /** The clone is cancelled with the subvolume, then the source's temporary snapshot goes. */
  @Override
  public void discardAbandoned(
      CephFsPlacement placement, String subvolume, Optional<SourceObject<CephFsPlacement>> source) {
    delete(placement, subvolume);
    source
        .filter(s -> s.kind() == VolumeSource.Kind.VOLUME)
        .ifPresent(s -> removeTemporarySnapshot(placement.subvolumes(), true, s, subvolume));
  }

  /**
   * Starts Ceph's clone on the first call and reports {@link InProgress} until it completes. A
   * clone of a volume copies a temporary snapshot named after the target, removed once the copy is
   * done; a failed clone is removed entirely.
   */
  @Override
  public int createFrom(
      CephFsPlacement placement,
      String subvolume,
      long sizeBytes,
      SourceObject<CephFsPlacement> source) {
    Subvolumes subvolumes = placement.subvolumes();
    boolean fromVolume = source.kind() == VolumeSource.Kind.VOLUME;
    String snapshot = fromVolume ? subvolume : source.objectName();
    CloneStatus status;
    try {
      status = subvolumes.cloneStatus(subvolume);
    } catch (CephException e) {
      if (e.kind() != Errno.ENOENT) {
        throw e;
      }
      if (fromVolume) {
        subvolumes.snapshotCreate(source.volumeObject(), snapshot);
      }
      subvolumes.clone(source.volumeObject(), snapshot, subvolume, placement.dataPool());
      status = subvolumes.cloneStatus(subvolume);
    }
    status = awaitFinal(subvolumes, subvolume, status);
    switch (status.state()) {
      case PENDING, IN_PROGRESS ->
          throw new InProgress(
              "subvolume " + subvolume + " is still being copied (" + status.state() + "); retry");
      case FAILED, CANCELED -> {
        delete(placement, subvolume);
        removeTemporarySnapshot(subvolumes, fromVolume, source, snapshot);
        throw CsiException.internal(
            "Ceph could not copy the content source into subvolume "
                + subvolume
                + ": "
                + status.failure());
      }
      case COMPLETE -> {
        removeTemporarySnapshot(subvolumes, fromVolume, source, snapshot);
        expand(placement, subvolume, sizeBytes);
      }
    }
    return 0;
  }

  /**
   * Polls the clone, backing off, until it is final, the caller left, or the wait has no room for
   * another poll: a status call can itself take seconds (it queues for the module's lock), so the
   * last one's duration is kept free before the deadline.
   */
  private CloneStatus awaitFinal(Subvolumes subvolumes, String subvolume, CloneStatus status) {
    long deadline = System.nanoTime() + waitFor().toNanos();
    Duration pause = FIRST_POLL;
    long lastPoll = 0;
    while (!status.state().isFinal()
        && System.nanoTime() + pause.toNanos() + lastPoll < deadline
        && !Context.current().isCancelled()) {
      try {
        Thread.sleep(pause.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return status; // shutting down: the CO retries and finds the clone further along
      }
      pause =
          pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : pause.multipliedBy(2);
      long polled = System.nanoTime();
      status = subvolumes.cloneStatus(subvolume);
      lastPoll = System.nanoTime() - polled;
    }
    return status;
  }

  /** The clone wait, cut to what the caller's deadline leaves. */
  private Duration waitFor() {
    Deadline callerDeadline = Context.current().getDeadline();
    if (callerDeadline == null) {
      return cloneWait;
    }
    long left = callerDeadline.timeRemaining(TimeUnit.NANOSECONDS) - ANSWER_MARGIN.toNanos();
    return Duration.ofNanos(Math.max(0, Math.min(left, cloneWait.toNanos())));
  }

  private static void removeTemporarySnapshot(
      Subvolumes subvolumes, boolean fromVolume, SourceObject<?> source, String snapshot) {
    if (fromVolume) {
      subvolumes.snapshotRemove(source.volumeObject(), snapshot, true);
    }
  }

  @Override
  public void describe(CephFsPlacement placement, String subvolume, Map<String, String> metadata) {
    metadata.forEach((key, value) -> placement.subvolumes().setMetadata(subvolume, key, value));
  }

  @Override
  public OptionalLong size(CephFsPlacement placement, String subvolume) {
    try {
      return OptionalLong.of(placement.subvolumes().info(subvolume).bytesQuota());
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return OptionalLong.empty();
      }
      throw e;
    }
  }

  @Override
  public void expand(CephFsPlacement placement, String subvolume, long sizeBytes) {
    if (placement.subvolumes().info(subvolume).bytesQuota() < sizeBytes) {
      placement.subvolumes().resize(subvolume, sizeBytes);
    }
  }

  /**
   * Removes the subvolume; one with snapshots is FAILED_PRECONDITION, a running clone is cancelled.
   */
  @Override
  public void delete(CephFsPlacement placement, String subvolume) {
    Subvolumes subvolumes = placement.subvolumes();
    try {
      subvolumes.remove(subvolume, true);
    } catch (CephException e) {
      switch (e.kind()) {
        case ENOTEMPTY -> {
          releaseFinishedClones(subvolumes, subvolume);
          subvolumes.remove(subvolume, true);
        }
        case EAGAIN -> {
          // a clone still copying: stop it, then the target can go
          cancelClone(subvolumes, subvolume);
          subvolumes.remove(subvolume, true);
        }
        default -> throw e;
      }
    }
  }

  /** Cancels a clone; one that finished meanwhile (EINVAL) needs no cancelling. */
  private static void cancelClone(Subvolumes subvolumes, String subvolume) {
    try {
      subvolumes.cloneCancel(subvolume);
    } catch (CephException e) {
      if (e.kind() != Errno.EINVAL) {
        throw e;
      }
    }
  }

  /**
   * A subvolume with snapshots cannot go. A clone of a volume pins it with a temporary snapshot
   * named after the clone, removed once CreateVolume sees the copy complete; when the CO stopped
   * asking (the PVC was deleted) it stays. Those of finished clones are removed here; anything else
   * left is FAILED_PRECONDITION naming what holds the subvolume.
   */
  private void releaseFinishedClones(Subvolumes subvolumes, String subvolume) {
    List<String> userSnapshots = new ArrayList<>();
    List<String> copying = new ArrayList<>();
    for (String snapshot : subvolumes.snapshotList(subvolume)) {
      if (snapshot.startsWith(SnapshotFlow.OBJECT_PREFIX)) {
        userSnapshots.add(snapshot);
      } else if (subvolumes.snapshotInfo(subvolume, snapshot).hasPendingClones()) {
        copying.add(snapshot);
      } else {
        subvolumes.snapshotRemove(subvolume, snapshot, true);
      }
    }
    if (!copying.isEmpty()) {
      throw CsiException.failedPrecondition(
          "subvolume "
              + subvolume
              + " is the source of clones still being copied into "
              + String.join(", ", copying)
              + "; it can be deleted once those copies finish");
    }
    if (!userSnapshots.isEmpty()) {
      throw CsiException.failedPrecondition(
          "subvolume "
              + subvolume
              + " still has snapshots "
              + String.join(", ", userSnapshots)
              + "; delete its VolumeSnapshots first");
    }
  }

  @Override
  public int snapshot(
      CephFsPlacement placement, String subvolume, int volumeDepth, String snapshot) {
    placement.subvolumes().snapshotCreate(subvolume, snapshot);
    return 0; // restores are full copies
  }

  @Override
  public boolean hasSnapshot(CephFsPlacement placement, String subvolume, String snapshot) {
    try {
      placement.subvolumes().snapshotInfo(subvolume, snapshot);
      return true;
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return false;
      }
      throw e;
    }
  }

  @Override
  public void deleteSnapshot(CephFsPlacement placement, String subvolume, String snapshot) {
    try {
      placement.subvolumes().snapshotRemove(subvolume, snapshot, true);
    } catch (CephException e) {
      switch (e.kind()) {
        case ENOENT -> {} // the subvolume is gone, and its snapshots with it
        case EAGAIN ->
            throw new InProgress(
                "snapshot " + snapshot + " is the source of clones still copying; retry");
        default -> throw e;
      }
    }
  }

  @Override
  public boolean growsOnNode() {
    return false; // the quota is the size clients see
  }

  @Override
  public boolean isModifiable() {
    return false;
  }

  @Override
  public void modify(
      CephFsPlacement placement, String subvolume, Map<String, String> mutableParameters) {
    if (!mutableParameters.isEmpty()) {
      throw CsiException.invalidArgument("CephFS volumes have no mutable parameters");
    }
  }

  @Override
  public long availableBytes(CephFsPlacement placement) {
    Pools pools = new Pools(placement.connection());
    String dataPool =
        placement.dataPool() != null
            ? placement.dataPool()
            : placement.connection().poolName(placement.filesystem().dataPoolIds().get(0));
    return pools.maxAvailable(dataPool).orElse(0);
  }

  @Override
  public boolean servesSnapshots() {
    return true;
  }

  /**
   * A subvolume keeps its data in a directory beneath its own ({@code getpath}:
   * /volumes/group/name/uuid) and its snapshots beside that: name/.snap/snapshot/uuid. ceph-fuse
   * cannot mount a .snap path as its root, so the node mounts the subvolume's own directory and
   * shows the snapshot's copy of the data directory, {@code snapshotPath} relative to it.
   */
  @Override
  public Map<String, String> snapshotContext(
      CephFsPlacement placement, String subvolume, String snapshot) {
    Path data = Path.of(placement.subvolumes().getPath(subvolume));
    return Map.of(
        "fsName",
        placement.filesystem().name(),
        "subvolumeName",
        subvolume,
        "subvolumePath",
        data.getParent().toString(),
        "snapshotPath",
        ".snap/" + snapshot + "/" + data.getFileName());
  }

  @Override
  public Map<String, String> volumeContext(CephFsPlacement placement, String subvolume) {
    return Map.of(
        "fsName", placement.filesystem().name(),
        "subvolumeName", subvolume,
        "subvolumePath", placement.subvolumes().getPath(subvolume));
  }
}
