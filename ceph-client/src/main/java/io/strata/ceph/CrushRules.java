package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

  /** The rule a new replicated pool gets when osd_pool_default_crush_rule is unset (-1). */
  String defaultRule() {
    return firstReplicated(
            ceph.monCommand(Map.of("prefix", "osd crush rule dump")).outputAs(JsonNode.class))
        .orElseThrow(
            () ->
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
