package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Answers of the Ceph 16.2.15 volumes module, as captured from a local cluster. */
class SubvolumeJsonTest {

  @Test
  void readsSubvolumeInfo() {
    SubvolumeInfo info =
        SubvolumeInfo.parse(
            """
            {
                "atime": "2026-11-25 00:45:56",
                "bytes_pcent": "0.00",
                "bytes_quota": 104857600,
                "bytes_used": 4096,
                "created_at": "2026-11-25 00:45:56",
                "data_pool": "cephfs.strata-fs.data",
                "features": ["snapshot-clone", "snapshot-autoprotect", "snapshot-retention"],
                "gid": 0,
                "mode": 16877,
                "mon_addrs": ["127.0.0.1:24590"],
                "path": "/volumes/csi/sv1/6de99137-3092-4f73-8860-0cc172cd369c",
                "pool_namespace": "",
                "state": "complete",
                "type": "subvolume",
                "uid": 0
            }
            """);
    assertEquals(
        new SubvolumeInfo(
            "/volumes/csi/sv1/6de99137-3092-4f73-8860-0cc172cd369c",
            104857600,
            4096,
            "cephfs.strata-fs.data",
            "complete",
            List.of("snapshot-clone", "snapshot-autoprotect", "snapshot-retention")),
        info);
    assertTrue(info.isComplete());
  }

  @Test
  void aSubvolumeWithoutQuotaIsInfinite() {
    SubvolumeInfo info =
        SubvolumeInfo.parse(
            "{\"bytes_quota\": \"infinite\", \"bytes_used\": 0, \"path\": \"/v\","
                + " \"state\": \"complete\", \"features\": []}");
    assertEquals(0, info.bytesQuota());
  }

  @Test
  void readsSnapshotInfoWithAndWithoutPendingClones() {
    SubvolumeSnapshotInfo idle =
        SubvolumeSnapshotInfo.parse(
            """
            {"created_at": "2026-11-25 00:45:57.660676",
             "data_pool": "cephfs.strata-fs.data", "has_pending_clones": "no"}
            """);
    assertEquals(Instant.parse("2026-11-25T00:45:57.660676Z"), idle.createdAt());
    assertFalse(idle.hasPendingClones());
    SubvolumeSnapshotInfo busy =
        SubvolumeSnapshotInfo.parse(
            """
            {"created_at": "2026-11-25 00:46:17", "data_pool": "cephfs.strata-fs.data",
             "has_pending_clones": "yes",
             "pending_clones": [{"name": "c2", "target_group": "csi"}]}
            """);
    assertEquals(Instant.parse("2026-11-25T00:46:17Z"), busy.createdAt());
    assertTrue(busy.hasPendingClones());
  }

  @Test
  void readsCloneStatusInEveryState() {
    assertEquals(
        new CloneStatus(CloneState.IN_PROGRESS, ""),
        CloneStatus.parse(
            """
            {"status": {"state": "in-progress", "source": {"volume": "strata-fs",
             "subvolume": "sv1", "snapshot": "s1", "group": "csi"}}}
            """));
    assertEquals(
        new CloneStatus(CloneState.PENDING, ""),
        CloneStatus.parse("{\"status\": {\"state\": \"pending\"}}"));
    assertEquals(
        new CloneStatus(CloneState.COMPLETE, ""),
        CloneStatus.parse("{\"status\": {\"state\": \"complete\"}}"));
    CloneStatus canceled =
        CloneStatus.parse(
            """
            {"status": {"state": "canceled",
             "failure": {"errno": "4", "error_msg": "user interrupted clone operation"}}}
            """);
    assertEquals(CloneState.CANCELED, canceled.state());
    assertEquals("errno 4: user interrupted clone operation", canceled.failure());
    assertTrue(canceled.state().isFinal());
    assertFalse(CloneState.PENDING.isFinal());
    assertEquals(
        CloneState.FAILED,
        CloneStatus.parse(
                "{\"status\": {\"state\": \"failed\", \"failure\": {\"errno\": \"122\","
                    + " \"error_msg\": \"Disk quota exceeded\"}}}")
            .state());
  }

  @Test
  void rejectsWhatItCannotRead() {
    assertThrows(CephException.class, () -> CloneStatus.parse("{\"status\": {\"state\": \"x\"}}"));
    assertThrows(CephException.class, () -> SubvolumeInfo.parse("not json"));
    assertThrows(CephException.class, () -> SubvolumeInfo.parse("")); // a timed-out command
    assertThrows(CephException.class, () -> CloneStatus.parse(""));
    assertThrows(
        CephException.class, () -> SubvolumeSnapshotInfo.parse("{\"created_at\": \"yesterday\"}"));
  }
}
