package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterReadinessTest {
  /** Trimmed from `status` on the Ceph 16.2.15 one-node cluster once it served. */
  private static final String READY =
      """
      {"fsid":"9d731699-6fb9-4135-8a8a-88418fcb240c",
       "health":{"status":"HEALTH_OK","checks":{},"mutes":[]},
       "quorum":[0],"quorum_names":["a"],
       "osdmap":{"epoch":35,"num_osds":1,"num_up_osds":1,"num_in_osds":1,"num_remapped_pgs":0},
       "pgmap":{"pgs_by_state":[{"state_name":"active+clean","count":25}],"num_pgs":25},
       "fsmap":{"epoch":16,"id":1,"up":1,"in":1,"max":1,
                "by_rank":[{"filesystem_id":1,"rank":0,"name":"a","status":"up:active"}],
                "up:standby":0},
       "mgrmap":{"available":true,"num_standbys":0,"modules":["iostat"],"services":{}}}
      """;

  /** A cluster seconds after start: OSD down, new PGs, MDS replaying, no mgr yet. */
  private static final String STARTING =
      """
      {"health":{"status":"HEALTH_WARN"},"quorum_names":["a"],
       "osdmap":{"num_osds":1,"num_up_osds":0,"num_in_osds":1},
       "pgmap":{"pgs_by_state":[{"state_name":"unknown","count":8},
                                {"state_name":"active+clean","count":1}],"num_pgs":9},
       "fsmap":{"by_rank":[{"rank":0,"status":"up:replay"}]},
       "mgrmap":{"available":false}}
      """;

  @Test
  void readsAServingCluster() {
    ClusterReadiness ready = ClusterReadiness.parse(READY);
    assertEquals("HEALTH_OK", ready.health());
    assertEquals(List.of("a"), ready.quorum());
    assertEquals(25, ready.pgsActive());
    assertEquals(1, ready.mdsActive());
    assertEquals(List.of(), ready.missing(1, true));
  }

  @Test
  void namesWhatAStartingClusterLacks() {
    ClusterReadiness starting = ClusterReadiness.parse(STARTING);
    assertEquals(
        List.of(
            "an active mgr",
            "OSDs up and in (0 up, 1 in of 1)",
            "active placement groups (1 of 9)",
            "an active MDS"),
        starting.missing(1, true));
    assertEquals(4, starting.missing(1, true).size());
    assertEquals(3, starting.missing(1, false).size());
  }

  @Test
  void readsThePreOctopusNestedOsdmap() {
    String nested =
        "{\"osdmap\":{\"osdmap\":{\"num_osds\":1,\"num_up_osds\":1,\"num_in_osds\":1}}}";
    assertEquals(1, ClusterReadiness.parse(nested).osdsUp());
  }

  @Test
  void rejectsOutputThatIsNotJson() {
    assertThrows(IllegalArgumentException.class, () -> ClusterReadiness.parse("HEALTH_OK"));
  }
}
