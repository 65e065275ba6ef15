package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Answers of Ceph 16.2.15 monitors about pools, as captured from a local cluster. */
class PoolJsonTest {
  static final String GET_ALL =
      """
      {"pool":"strata-x1","pool_id":5,"size":1,"min_size":1,"pg_num":8,"pgp_num":8,
       "crush_rule":"replicated_rule","hashpspool":true,"nodelete":false,"nopgchange":false,
       "nosizechange":false,"write_fadvise_dontneed":false,"noscrub":false,
       "nodeep-scrub":false,"use_gmt_hitset":true,"fast_read":0,
       "compression_mode":"aggressive","pg_autoscale_mode":"off","bulk":false}
      """;

  static final String DF =
      """
      {"stats":{"total_bytes":8589934592,"total_avail_bytes":8285265920,
        "total_used_bytes":304668672,"total_used_raw_bytes":304668672,
        "total_used_raw_ratio":0.035468101501464844,"num_osds":1,"num_per_pool_osds":1,
        "num_per_pool_omap_osds":1},
       "stats_by_class":{"hdd":{"total_bytes":8589934592,"total_avail_bytes":8285265920,
        "total_used_bytes":304668672,"total_used_raw_bytes":304668672,
        "total_used_raw_ratio":0.035468101501464844}},
       "pools":[
        {"name":"rbd","id":1,"stats":{"stored":19,"objects":1,"kb_used":4,"bytes_used":4096,
          "percent_used":5.2139995432298747e-07,"max_avail":7855769088}},
        {"name":"cephfs.strata-fs.data","id":3,"stats":{"stored":0,"objects":0,"kb_used":0,
          "bytes_used":0,"percent_used":0,"max_avail":7855769088}}]}
      """;

  @Test
  void readsEveryValueOfOsdPoolGetAllAsText() {
    Map<String, String> values = PoolJson.values(GET_ALL);
    assertEquals("5", values.get("pool_id"));
    assertEquals("1", values.get("size"));
    assertEquals("replicated_rule", values.get("crush_rule"));
    assertEquals("aggressive", values.get("compression_mode"));
    assertEquals("true", values.get("hashpspool"));
  }

  @Test
  void readsAPoolsLineOfDf() {
    assertEquals(
        Optional.of(new PoolJson.DfPool(1, 19, 1, 7855769088L)), PoolJson.dfPool(DF, "rbd"));
    assertEquals(Optional.empty(), PoolJson.dfPool(DF, "missing"));
  }

  @Test
  void buildsTheStateFromBothAnswers() {
    Map<String, String> values = PoolJson.values(GET_ALL);
    assertEquals(
        new Pools.PoolState(5, "strata-x1", 1, "replicated_rule", "aggressive", 0, 0),
        PoolJson.state("strata-x1", values, PoolJson.dfPool(DF, "strata-x1")));
    values.remove("compression_mode");
    assertEquals(
        new Pools.PoolState(5, "rbd", 1, "replicated_rule", null, 19, 7855769088L),
        PoolJson.state("rbd", values, PoolJson.dfPool(DF, "rbd")));
  }

  @Test
  void comparesValuesTheWayCephParsesThem() {
    assertTrue(PoolJson.sameValue("aggressive", "aggressive"));
    assertTrue(PoolJson.sameValue("true", "1"));
    assertTrue(PoolJson.sameValue("false", "0"));
    assertTrue(PoolJson.sameValue("true", "TRUE"));
    assertTrue(PoolJson.sameValue("0.5", "0.50"));
    assertTrue(PoolJson.sameValue("8", " 8"));
    assertFalse(PoolJson.sameValue("8", "16"));
    assertFalse(PoolJson.sameValue("true", "0"));
    assertFalse(PoolJson.sameValue(null, "lz4"), "an option never set differs from any value");
    assertFalse(PoolJson.sameValue("snappy", "lz4"));
  }

  @Test
  void aGarbledAnswerIsACephErrorWithoutTheAnswer() {
    CephException e =
        assertThrows(CephException.class, () -> PoolJson.values("{not json AQBsecret"));
    assertEquals(Errno.EIO, e.kind());
    assertFalse(e.getMessage().contains("AQBsecret"), e.getMessage());
  }

  @Test
  void theDefaultRuleIsTheReplicatedOneWithTheLowestId() throws Exception {
    String dump =
        """
        [{"rule_id":2,"rule_name":"b","type":1},
         {"rule_id":1,"rule_name":"ec","type":3},
         {"rule_id":0,"rule_name":"replicated_rule","type":1,"steps":[]}]
        """;
    assertEquals(
        Optional.of("replicated_rule"),
        CrushRules.firstReplicated(new ObjectMapper().readTree(dump)));
    assertEquals(Optional.empty(), CrushRules.firstReplicated(new ObjectMapper().readTree("[]")));
  }

  @Test
  void healthCarriesStatusChecksAndRawCapacity() {
    Health health =
        Health.parse(
            "90b649b7-d2de-434a-baa0-49c0ecc47efc",
            """
            {"status":"HEALTH_ERR","checks":{
              "MDS_ALL_DOWN":{"severity":"HEALTH_ERR",
                "summary":{"message":"1 filesystem is offline","count":1},"muted":false},
              "MDS_UP_LESS_THAN_MAX":{"severity":"HEALTH_WARN",
                "summary":{"message":"1 filesystem is online with fewer MDS than max_mds",
                "count":1},"muted":false}},"mutes":[]}
            """,
            DF);
    assertEquals("HEALTH_ERR", health.status());
    assertFalse(health.ok());
    assertEquals(
        Map.of(
            "MDS_ALL_DOWN", "1 filesystem is offline",
            "MDS_UP_LESS_THAN_MAX", "1 filesystem is online with fewer MDS than max_mds"),
        health.checks());
    assertEquals("90b649b7-d2de-434a-baa0-49c0ecc47efc", health.fsid());
    assertEquals(8589934592L, health.totalBytes());
    assertEquals(304668672L, health.usedBytes());
    assertEquals(8285265920L, health.availableBytes());
    assertTrue(Health.parse("f", "{\"status\":\"HEALTH_OK\",\"checks\":{},\"mutes\":[]}", DF).ok());
  }

  /** The shape of Ceph 16.2.15's `pg ls-by-pool rbd -f json`, cut to the fields read. */
  @Test
  void countsPlacementGroupsByState() {
    String answer =
        """
        {"pg_ready":true,"pg_stats":[
          {"pgid":"1.0","version":"9'1","state":"active+clean","last_fresh":"2026-12-02"},
          {"pgid":"1.1","state":"undersized+peered"},
          {"pgid":"1.2","state":"active+clean"}]}
        """;
    assertEquals(Map.of("active+clean", 2, "undersized+peered", 1), PoolJson.pgStates(answer));
    assertEquals(Map.of(), PoolJson.pgStates("{\"pg_ready\":true,\"pg_stats\":[]}"));
  }
}
