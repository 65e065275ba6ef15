package io.strata.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.CloneState;
import io.strata.ceph.CloneStatus;
import io.strata.ceph.Errno;
import io.strata.ceph.SubvolumeInfo;
import io.strata.ceph.SubvolumeSnapshotInfo;
import io.strata.ceph.Subvolumes;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link Subvolumes} against the mgr volumes module of a real cluster: the commands, their answers
 * and the errnos callers act on.
 */
@Tag("integration")
class SubvolumesIT {
  private static final long MIB = 1 << 20;
  @TempDir Path dir;
  private CephConnection ceph;
  private Subvolumes subvolumes;
  private final List<String> created = new ArrayList<>(); // removed last first

  @BeforeEach
  void setUp() {
    ItCluster cluster = ItCluster.fromSystemProperties(dir.resolve("admin-keys"));
    ceph = CephConnection.open(cluster.mgrAdmin());
    subvolumes = new Subvolumes(ceph, cluster.fsName(), cluster.subvolumeGroup());
    subvolumes.createGroup();
  }

  @AfterEach
  void tearDown() {
    for (int i = created.size() - 1; i >= 0; i--) {
      String name = created.get(i);
      try {
        subvolumes.snapshotList(name).forEach(s -> subvolumes.snapshotRemove(name, s, true));
      } catch (CephException e) {
        // gone already, or a clone that never completed: rm with force covers both
      }
      subvolumes.remove(name, true);
    }
    ceph.close();
  }

  private String subvolume(long bytes) {
    String name = ItCluster.uniqueName("sv-it");
    subvolumes.create(name, bytes, null);
    created.add(name);
    return name;
  }

  @Test
  void createsDescribesResizesAndRemoves() {
    subvolumes.createGroup(); // again: a no-op
    String name = subvolume(64 * MIB);
    subvolumes.create(name, 64 * MIB, null); // again: a no-op
    SubvolumeInfo info = subvolumes.info(name);
    assertTrue(
        info.path().startsWith("/volumes/" + subvolumes.group() + "/" + name + "/"), info.path());
    assertEquals(64 * MIB, info.bytesQuota());
    assertEquals(0, info.bytesUsed());
    assertTrue(info.isComplete(), info.state());
    assertTrue(info.features().contains("snapshot-clone"), info.features().toString());
    assertFalse(info.dataPool().isEmpty());
    assertEquals(info.path(), subvolumes.getPath(name));

    assertEquals(128 * MIB, subvolumes.resize(name, 128 * MIB));
    assertEquals(128 * MIB, subvolumes.info(name).bytesQuota());

    subvolumes.remove(name, false);
    expectErrno(Errno.ENOENT, () -> subvolumes.info(name));
    expectErrno(Errno.ENOENT, () -> subvolumes.getPath(name));
    expectErrno(Errno.ENOENT, () -> subvolumes.remove(name, false));
    subvolumes.remove(name, true); // force: a missing subvolume is fine
  }

  @Test
  void snapshotsAndClonesComplete() {
    String source = subvolume(32 * MIB);
    Instant before = Instant.now().minusSeconds(120);
    subvolumes.snapshotCreate(source, "snap-1");
    subvolumes.snapshotCreate(source, "snap-1"); // again: a no-op
    assertEquals(List.of("snap-1"), subvolumes.snapshotList(source));
    SubvolumeSnapshotInfo snapshot = subvolumes.snapshotInfo(source, "snap-1");
    assertTrue(
        snapshot.createdAt().isAfter(before)
            && snapshot.createdAt().isBefore(Instant.now().plusSeconds(120)),
        snapshot.toString());
    assertFalse(snapshot.hasPendingClones());

    String clone = ItCluster.uniqueName("clone-it");
    subvolumes.clone(source, "snap-1", clone, null);
    created.add(clone);
    CloneStatus status = awaitFinal(clone, Duration.ofSeconds(60));
    assertEquals(new CloneStatus(CloneState.COMPLETE, ""), status);
    SubvolumeInfo info = subvolumes.info(clone);
    assertTrue(info.path().startsWith("/volumes/" + subvolumes.group() + "/" + clone + "/"));
    assertEquals(32 * MIB, info.bytesQuota(), "a clone keeps its source's quota");

    expectErrno(Errno.EEXIST, () -> subvolumes.clone(source, "snap-1", clone, null));
    expectErrno(Errno.ENOENT, () -> subvolumes.clone(source, "no-snap", "x-" + clone, null));
    expectErrno(Errno.ENOTEMPTY, () -> subvolumes.remove(source, false));
    expectErrno(Errno.ENOTSUP, () -> subvolumes.cloneStatus(source));
    expectErrno(Errno.EINVAL, () -> subvolumes.cloneCancel(clone));
    expectErrno(Errno.ENOENT, () -> subvolumes.snapshotInfo(source, "no-snap"));
    expectErrno(Errno.ENOENT, () -> subvolumes.snapshotCreate("no-such-subvolume", "s"));

    subvolumes.snapshotRemove(source, "snap-1", false);
    subvolumes.snapshotRemove(source, "snap-1", true); // force: a missing snapshot is fine
    expectErrno(Errno.ENOENT, () -> subvolumes.snapshotRemove(source, "snap-1", false));
    assertEquals(List.of(), subvolumes.snapshotList(source));
  }

  /**
   * A clone held back by the volumes module's snapshot_clone_delay is PENDING: its snapshot cannot
   * go (EAGAIN), the clone cannot be used or removed without force (EAGAIN), and cancelling it
   * leaves it CANCELED with the reason.
   */
  @Test
  void aPendingCloneHoldsItsSnapshotUntilCancelled() {
    String source = subvolume(16 * MIB);
    subvolumes.snapshotCreate(source, "snap-1");
    setCloneDelay("20");
    try {
      String clone = pendingClone(source, "snap-1");
      assertTrue(subvolumes.snapshotInfo(source, "snap-1").hasPendingClones());
      expectErrno(Errno.EAGAIN, () -> subvolumes.snapshotRemove(source, "snap-1", false));
      expectErrno(Errno.EAGAIN, () -> subvolumes.info(clone));
      expectErrno(Errno.EAGAIN, () -> subvolumes.getPath(clone));
      expectErrno(Errno.EAGAIN, () -> subvolumes.remove(clone, false));

      subvolumes.cloneCancel(clone);
      CloneStatus canceled = subvolumes.cloneStatus(clone);
      assertEquals(CloneState.CANCELED, canceled.state());
      assertTrue(canceled.failure().contains("interrupted"), canceled.failure());
      assertFalse(subvolumes.snapshotInfo(source, "snap-1").hasPendingClones());
      subvolumes.remove(clone, true);
      subvolumes.snapshotRemove(source, "snap-1", false);
    } finally {
      setCloneDelay("0"); // what the module keeps until told otherwise
      ceph.monCommand(
          Map.of("prefix", "config rm", "who", "mgr", "name", "mgr/volumes/snapshot_clone_delay"));
    }
  }

  /**
   * Starts clones until one is seen PENDING: the mgr receives the delay setting asynchronously, so
   * the first clone may start before it applies.
   */
  private String pendingClone(String source, String snapshot) {
    for (int attempt = 0; attempt < 3; attempt++) {
      String clone = ItCluster.uniqueName("pending-it");
      subvolumes.clone(source, snapshot, clone, null);
      created.add(clone);
      if (subvolumes.cloneStatus(clone).state() == CloneState.PENDING) {
        return clone;
      }
      awaitFinal(clone, Duration.ofSeconds(60));
    }
    throw new AssertionError("no clone stayed pending with snapshot_clone_delay set");
  }

  private void setCloneDelay(String seconds) {
    ceph.monCommand(
        Map.of(
            "prefix",
            "config set",
            "who",
            "mgr",
            "name",
            "mgr/volumes/snapshot_clone_delay",
            "value",
            seconds));
  }

  private CloneStatus awaitFinal(String clone, Duration limit) {
    long deadline = System.nanoTime() + limit.toNanos();
    CloneStatus status = subvolumes.cloneStatus(clone);
    while (!status.state().isFinal()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("clone " + clone + " still " + status + " after " + limit);
      }
      pause();
      status = subvolumes.cloneStatus(clone);
    }
    return status;
  }

  private static void pause() {
    try {
      Thread.sleep(100); // between polls of a condition with a deadline
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  private static void expectErrno(Errno errno, Executable call) {
    CephException e = assertThrows(CephException.class, call);
    assertEquals(errno, e.kind(), e.getMessage());
  }
}
