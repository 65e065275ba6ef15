package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Whether a failure domain can place a pool's replicas, read off an {@code osd crush dump}. */
class CrushPlacementTest {
  /** The map of a one-node cluster with two OSDs, as Ceph 16 dumps it (trimmed). */
  private static final String ONE_HOST =
      """
      {"devices": [{"id": 0, "name": "osd.0"}, {"id": 1, "name": "osd.1"}],
       "types": [{"type_id": 0, "name": "osd"}, {"type_id": 1, "name": "host"},
                 {"type_id": 3, "name": "rack"}, {"type_id": 11, "name": "root"}],
       "buckets": [
         {"id": -1, "name": "default", "type_id": 11, "type_name": "root",
          "items": [{"id": -3, "weight": 65536, "pos": 0}]},
         {"id": -2, "name": "default~hdd", "type_id": 11, "type_name": "root",
          "items": [{"id": -4, "weight": 65536, "pos": 0}]},
         {"id": -3, "name": "node1", "type_id": 1, "type_name": "host",
          "items": [{"id": 0, "weight": 32768, "pos": 0}, {"id": 1, "weight": 32768, "pos": 1}]},
         {"id": -4, "name": "node1~hdd", "type_id": 1, "type_name": "host",
          "items": [{"id": 0, "weight": 32768, "pos": 0}, {"id": 1, "weight": 32768, "pos": 1}]}
       ]}
      """;

  private static Optional<String> problem(String failureDomain, int size) throws Exception {
    JsonNode crush = new ObjectMapper().readTree(ONE_HOST);
    return CrushRules.placementProblem(crush, failureDomain, size);
  }

  @Test
  void replicasFitWhereEnoughBucketsHangBelowTheRoot() throws Exception {
    assertEquals(Optional.empty(), problem("host", 1));
    assertEquals(Optional.empty(), problem("osd", 2));
  }

  @Test
  void theRootTypeHoldsNoBucketBelowTheRoot() throws Exception {
    String problem = problem("root", 1).orElseThrow();
    assertTrue(problem.contains("holds 0 buckets"), problem);
    assertTrue(problem.contains("(host: 1, osd: 2)"), problem);
  }

  @Test
  void tooFewBucketsForTheReplicasOrAnUnknownTypeAreProblems() throws Exception {
    assertTrue(problem("host", 3).orElseThrow().contains("fewer than the pool's 3 replicas"));
    assertTrue(problem("rack", 1).orElseThrow().contains("holds 0 buckets"));
    assertTrue(problem("zone", 1).orElseThrow().contains("not a CRUSH bucket type"));
  }
}
