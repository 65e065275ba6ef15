package io.strata.operator.bootstrap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * What the monitor's {@code status} command says about the parts a cluster needs before it can
 * serve: quorum, an active mgr, OSDs up and in, every placement group active, an active MDS.
 */
public record ClusterReadiness(
    String health,
    List<String> quorum,
    boolean mgrAvailable,
    int osds,
    int osdsUp,
    int osdsIn,
    int pgs,
    int pgsActive,
    int mdsActive) {

  private static final ObjectMapper JSON = new ObjectMapper();

  public ClusterReadiness {
    quorum = List.copyOf(quorum);
  }

  /** Parses the JSON output of the mon command {"prefix": "status", "format": "json"}. */
  public static ClusterReadiness parse(String statusJson) {
    JsonNode root;
    try {
      root = JSON.readTree(statusJson);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("status output is not JSON", e);
    }
    List<String> quorum = new ArrayList<>();
    root.path("quorum_names").forEach(n -> quorum.add(n.asText()));
    JsonNode osdmap = root.path("osdmap");
    if (osdmap.has("osdmap")) {
      osdmap = osdmap.path("osdmap"); // layout before Pacific
    }
    JsonNode pgmap = root.path("pgmap");
    int active = 0;
    for (JsonNode state : pgmap.path("pgs_by_state")) {
      if (state.path("state_name").asText().contains("active")) {
        active += state.path("count").asInt();
      }
    }
    int mdsActive = 0;
    for (JsonNode rank : root.path("fsmap").path("by_rank")) {
      if (rank.path("status").asText().equals("up:active")) {
        mdsActive++;
      }
    }
    return new ClusterReadiness(
        root.path("health").path("status").asText("UNKNOWN"),
        quorum,
        root.path("mgrmap").path("available").asBoolean(false),
        osdmap.path("num_osds").asInt(),
        osdmap.path("num_up_osds").asInt(),
        osdmap.path("num_in_osds").asInt(),
        pgmap.path("num_pgs").asInt(),
        active,
        mdsActive);
  }

  /**
   * What is still missing for a cluster with {@code expectedOsds} OSDs and (when {@code needMds}) a
   * filesystem; empty when ready.
   */
  public List<String> missing(int expectedOsds, boolean needMds) {
    List<String> missing = new ArrayList<>();
    if (quorum.isEmpty()) {
      missing.add("monitor quorum");
    }
    if (!mgrAvailable) {
      missing.add("an active mgr");
    }
    if (osdsUp < expectedOsds || osdsIn < expectedOsds) {
      missing.add("OSDs up and in (" + osdsUp + " up, " + osdsIn + " in of " + expectedOsds + ")");
    }
    if (pgsActive < pgs) {
      missing.add("active placement groups (" + pgsActive + " of " + pgs + ")");
    }
    if (needMds && mdsActive == 0) {
      missing.add("an active MDS");
    }
    return missing;
  }
}
