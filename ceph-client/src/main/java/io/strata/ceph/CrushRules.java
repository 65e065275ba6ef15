package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The replicated CRUSH rules pools get of their own. A rule is named after its pool and what it
 * does, {@code <pool>_<failureDomain>[_<deviceClass>]} (as Rook names the rules it makes when a
 * pool's failure domain changes): Ceph answers success to a create of an existing name without
 * changing that rule, so a name must never stand for two contents. Rules hang from the CRUSH root
 * "default"; a device class alone spreads over hosts, Rook's default failure domain.
 */
final class CrushRules {
  static final String ROOT = "default";
  static final String DEFAULT_FAILURE_DOMAIN = "host";

  /** CRUSH's type of devices, the leaves (non-negative ids). */
  private static final String DEVICE_TYPE = "osd";

  /** The type of replicated rules in {@code osd crush rule dump} (pg_pool_t::TYPE_REPLICATED). */
  private static final int REPLICATED = 1;

  private final CephConnection ceph;

  CrushRules(CephConnection ceph) {
    this.ceph = ceph;
  }

  static String nameFor(PoolSettings settings) {
    String name = settings.name() + "_" + failureDomain(settings);
    return settings.deviceClass() == null ? name : name + "_" + settings.deviceClass();
  }

  /** Whether {@code rule} is one this class made for {@code pool}. */
  static boolean ownedBy(String pool, String rule) {
    return rule != null && rule.startsWith(pool + "_");
  }

  /**
   * Makes the rule the settings ask for unless it exists, and returns its name; empty when the pool
   * keeps Ceph's default rule.
   */
  Optional<String> ensure(PoolSettings settings) {
    if (!settings.customCrushRule()) {
      return Optional.empty();
    }
    String name = nameFor(settings);
    if (!exists(name)) {
      Map<String, Object> command = new LinkedHashMap<>();
      command.put("prefix", "osd crush rule create-replicated");
      command.put("name", name);
      command.put("root", ROOT);
      command.put("type", failureDomain(settings));
      if (settings.deviceClass() != null) {
        command.put("class", settings.deviceClass());
      }
      ceph.monCommand(command);
    }
    return Optional.of(name);
  }

  /**
   * Why Ceph could not place a pool with these settings: its failure domain is no bucket type of
   * the CRUSH map, or fewer buckets of that type hang below the root than the pool keeps replicas
   * (a rule over type "root" finds none, and every PG stays unmapped while the pool looks made).
   * Empty when the replicas fit; pools on Ceph's default rule are not checked.
   */
  Optional<String> placementProblem(PoolSettings settings) {
    if (!settings.customCrushRule()) {
      return Optional.empty();
    }
    JsonNode crush = ceph.monCommand(Map.of("prefix", "osd crush dump")).outputAs(JsonNode.class);
    return placementProblem(crush, failureDomain(settings), settings.size());
  }

  static Optional<String> placementProblem(JsonNode crush, String failureDomain, int size) {
    Map<String, Integer> below = new TreeMap<>();
    crush.path("types").forEach(type -> below.put(type.path("name").asText(), 0));
    if (!below.containsKey(failureDomain)) {
      return Optional.of(
          "failure domain "
              + failureDomain
              + " is not a CRUSH bucket type; the map has "
              + String.join(", ", below.keySet()));
    }
    Map<Integer, JsonNode> buckets = new HashMap<>();
    crush.path("buckets").forEach(bucket -> buckets.put(bucket.path("id").asInt(), bucket));
    buckets.values().stream()
        .filter(bucket -> bucket.path("name").asText().equals(ROOT))
        .findFirst()
        .ifPresent(root -> countBelow(root, buckets, below));
    int found = below.get(failureDomain);
    if (found >= size) {
      return Optional.empty();
    }
    return Optional.of(
        "failure domain "
            + failureDomain
            + ": the CRUSH root "
            + ROOT
            + " holds "
            + found
            + " buckets of that type, fewer than the pool's "
            + size
            + " replicas, so Ceph cannot place them and the pool's PGs never become active;"
            + " choose a type with at least "
            + size
            + " below the root ("
            + below.entrySet().stream()
                .filter(e -> e.getValue() > 0)
                .map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", "))
            + ")");
  }

  /** Counts, per type, the buckets and devices (type osd) beneath {@code bucket}. */
  private static void countBelow(
      JsonNode bucket, Map<Integer, JsonNode> buckets, Map<String, Integer> counts) {
    for (JsonNode item : bucket.path("items")) {
      int id = item.path("id").asInt();
      JsonNode child = buckets.get(id);
      if (child == null) {
        counts.merge(DEVICE_TYPE, id >= 0 ? 1 : 0, Integer::sum);
      } else {
        counts.merge(child.path("type_name").asText(), 1, Integer::sum);
        countBelow(child, buckets, counts);
      }
    }
  }

  /** The rule a new replicated pool gets when osd_pool_default_crush_rule is unset (-1). */
  String defaultRule() {
    return firstReplicated(
            ceph.monCommand(Map.of("prefix", "osd crush rule dump")).outputAs(JsonNode.class))
        .orElseThrow(() ->
            new CephException(
                "find the default CRUSH rule", Errno.ENOENT.value(), "no replicated rule"));
  }

  /** Removes a rule made for {@code pool} once no pool uses it; other rules are never touched. */
  void removeIfUnused(String pool, String rule) {
    if (!ownedBy(pool, rule)) {
      return;
    }
    try {
      ceph.monCommand(Map.of("prefix", "osd crush rule rm", "name", rule));
    } catch (CephException e) {
      if (e.kind() != Errno.EBUSY) { // EBUSY: another pool was pointed at it by hand
        throw e;
      }
    }
  }

  static Optional<String> firstReplicated(JsonNode ruleDump) {
    String first = null;
    int firstId = Integer.MAX_VALUE;
    for (JsonNode rule : ruleDump) {
      int id = rule.path("rule_id").asInt(Integer.MAX_VALUE);
      if (rule.path("type").asInt() == REPLICATED && id < firstId) {
        firstId = id;
        first = rule.path("rule_name").asText();
      }
    }
    return Optional.ofNullable(first);
  }

  private boolean exists(String name) {
    for (JsonNode rule :
        ceph.monCommand(Map.of("prefix", "osd crush rule ls")).outputAs(JsonNode.class)) {
      if (rule.asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String failureDomain(PoolSettings settings) {
    return settings.failureDomain() == null ? DEFAULT_FAILURE_DOMAIN : settings.failureDomain();
  }
}
