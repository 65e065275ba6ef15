package io.strata.ceph;

import com.ceph.rados.ListCtx;
import com.ceph.rados.exceptions.RadosException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Pools as the monitors report them, and their administration: create-or-update from {@link
 * PoolSettings}, state, emptiness, delete. Every mutating command costs a monitor proposal (up to a
 * second), so {@link #ensure} reads first and sends only what differs.
 */
public final class Pools {
  /** librados' LIBRADOS_ALL_NSPACES: a listing over every namespace of a pool. */
  private static final String ALL_NAMESPACES = "\001";

  private final CephConnection connection;
  private final CrushRules rules;

  public Pools(CephConnection connection) {
    this.connection = connection;
    this.rules = new CrushRules(connection);
  }

  /** A pool and the applications enabled on it ("rbd", "cephfs", ...). */
  public record Pool(long id, String name, List<String> applications) {}

  /**
   * A pool as it is now.
   *
   * @param crushRule the rule's name
   * @param compressionMode null when the pool sets none (the OSDs' default applies)
   * @param storedBytes and {@code maxAvailBytes}: from {@code df}, as the mgr last reported them (0
   *     for a pool too new to be reported)
   */
  public record PoolState(
      long id,
      String name,
      int size,
      String crushRule,
      String compressionMode,
      long storedBytes,
      long maxAvailBytes) {}

  public List<Pool> list() {
    JsonNode pools =
        connection
            .monCommand(Map.of("prefix", "osd pool ls", "detail", "detail"))
            .outputAs(JsonNode.class);
    List<Pool> found = new ArrayList<>();
    for (JsonNode pool : pools) {
      List<String> applications = new ArrayList<>();
      pool.path("application_metadata").fieldNames().forEachRemaining(applications::add);
      found.add(
          new Pool(pool.path("pool_id").asLong(), pool.path("pool_name").asText(), applications));
    }
    return found;
  }

  /** Bytes that can still be written to a pool (after replication), as {@code ceph df} says. */
  public OptionalLong maxAvailable(String poolName) {
    return PoolJson.dfPool(df(), poolName)
        .map(pool -> OptionalLong.of(pool.maxAvailBytes()))
        .orElse(OptionalLong.empty());
  }

  /** The applications enabled on a pool; empty for a pool without any, or none at all. */
  public List<String> applications(String pool) {
    try {
      List<String> applications = new ArrayList<>();
      connection
          .monCommand(Map.of("prefix", "osd pool application get", "pool", pool))
          .outputAs(JsonNode.class)
          .fieldNames()
          .forEachRemaining(applications::add);
      return applications;
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return List.of();
      }
      throw e;
    }
  }

  /** Creates a replicated pool with the cluster's defaults; an existing pool is left as it is. */
  public void create(String pool) {
    create(pool, Optional.empty());
  }

  /**
   * Creates the pool or brings it to {@code settings}, sending only what differs: the CRUSH rule
   * (see {@link CrushRules} for its name; changing it moves the pool's data), size and min_size,
   * compression mode, each parameter, then the application. Size 1 is sent with Ceph 16's {@code
   * yes_i_really_mean_it}, which the settings allow only without requireSafeReplicaSize.
   */
  /**
   * Why Ceph could not place this pool's replicas with its failure domain (see {@link
   * CrushRules#placementProblem}); empty when it can. Ask before {@link #ensure}.
   */
  public Optional<String> placementProblem(PoolSettings settings) {
    return rules.placementProblem(settings);
  }

  public PoolState ensure(PoolSettings settings) {
    String pool = settings.name();
    Optional<String> rule = rules.ensure(settings);
    Map<String, String> current = values(pool).orElse(null);
    if (current == null) {
      create(pool, rule);
      current = values(pool).orElseThrow(() -> vanished(pool));
    }
    String oldRule = current.get("crush_rule");
    String newRule =
        rule.orElseGet(() -> CrushRules.ownedBy(pool, oldRule) ? rules.defaultRule() : oldRule);
    if (!newRule.equals(oldRule)) {
      set(pool, "crush_rule", newRule);
      rules.removeIfUnused(pool, oldRule);
    }
    ensureSize(settings, current);
    if (settings.compressionMode() != null
        && !PoolJson.sameValue(current.get("compression_mode"), settings.compressionMode())) {
      set(pool, "compression_mode", settings.compressionMode());
    }
    for (Map.Entry<String, String> parameter : settings.parameters().entrySet()) {
      if (!parameter.getKey().equals("min_size")
          && !PoolJson.sameValue(current.get(parameter.getKey()), parameter.getValue())) {
        setParameter(pool, parameter.getKey(), parameter.getValue());
      }
    }
    if (settings.application() != null) {
      enableApplication(pool, settings.application());
    }
    return state(pool).orElseThrow(() -> vanished(pool));
  }

  public Optional<PoolState> state(String name) {
    return values(name).map(values -> PoolJson.state(name, values, PoolJson.dfPool(df(), name)));
  }

  /**
   * Whether the pool holds no object in any namespace. Asks the OSDs rather than {@code df}, whose
   * counts lag writes by seconds; costs one listing step, however large the pool.
   */
  public boolean isEmpty(String pool) {
    if (values(pool).isEmpty()) {
      throw new CephException("check whether pool " + pool + " is empty", Errno.ENOENT.value(), "");
    }
    return connection.withPool(
        pool,
        ALL_NAMESPACES,
        io -> {
          try {
            ListCtx listing = io.listObjectsPartial(1);
            try {
              return listing.nextObjects() == 0;
            } finally {
              listing.close();
            }
          } catch (RadosException e) {
            throw new CephException("list objects of pool " + pool, e.getReturnValue(), null);
          }
        });
  }

  /**
   * Deletes the pool and its data, then the CRUSH rule {@link #ensure} made for it. A pool that
   * does not exist is no error.
   */
  public void delete(String pool) {
    Optional<Map<String, String>> current = values(pool);
    if (current.isEmpty()) {
      return;
    }
    try {
      connection.monCommand(
          Map.of(
              "prefix",
              "osd pool rm",
              "pool",
              pool,
              "pool2",
              pool,
              "yes_i_really_really_mean_it",
              true));
    } catch (CephException e) {
      switch (e.kind()) {
        case ENOENT -> {
          return; // deleted meanwhile
        }
        case EPERM ->
            throw new CephException(
                "delete pool "
                    + pool
                    + " (Ceph deletes pools only with mon_allow_pool_delete = true, and not while"
                    + " the pool's nodelete flag is set)",
                e);
        case EBUSY ->
            throw new CephException(
                "delete pool " + pool + " (remove the filesystem that uses it first)", e);
        default -> throw e;
      }
    }
    rules.removeIfUnused(pool, current.get().get("crush_rule"));
  }

  private void ensureSize(PoolSettings settings, Map<String, String> current) {
    String pool = settings.name();
    int size = settings.size();
    if (!PoolJson.sameValue(current.get("size"), Integer.toString(size))) {
      try {
        set(pool, "size", Integer.toString(size), size == 1);
      } catch (CephException e) {
        if (size == 1 && e.kind() == Errno.EPERM) {
          throw new CephException(
              "set size 1 on pool " + pool + " (needs mon_allow_pool_size_one = true)", e);
        }
        throw e;
      }
    }
    // Ceph 16 lowers min_size along with the size but never raises it: see to it here
    int minSize = Math.min(Integer.parseInt(current.getOrDefault("min_size", "0")), size);
    if (minSize != settings.minSize()) {
      set(pool, "min_size", Integer.toString(settings.minSize()));
    }
  }

  private void enableApplication(String pool, String application) {
    List<String> enabled = applications(pool);
    if (enabled.contains(application)) {
      return;
    }
    if (!enabled.isEmpty()) {
      // Ceph would want yes_i_really_mean_it: two applications in one pool see each other's data
      throw new IllegalStateException(
          "pool " + pool + " already serves " + enabled + "; use another pool for " + application);
    }
    connection.monCommand(
        Map.of("prefix", "osd pool application enable", "pool", pool, "app", application));
  }

  private void create(String pool, Optional<String> rule) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("prefix", "osd pool create");
    command.put("pool", pool);
    command.put("pool_type", "replicated");
    rule.ifPresent(name -> command.put("rule", name)); // born on its rule: no data moves later
    connection.monCommand(command);
  }

  private void set(String pool, String key, String value) {
    set(pool, key, value, false);
  }

  /** A user's raw setting: Ceph's refusal names the parameter, so the message says what to fix. */
  private void setParameter(String pool, String key, String value) {
    try {
      set(pool, key, value);
    } catch (CephException e) {
      if (e.kind() != Errno.EINVAL) {
        throw e;
      }
      throw new IllegalArgumentException(
          "pool parameter "
              + key
              + "="
              + value
              + " is not one Ceph accepts ("
              + e.getMessage()
              + "); see `ceph osd pool set` for the settings a pool has",
          e);
    }
  }

  private void set(String pool, String key, String value, boolean sure) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("prefix", "osd pool set");
    command.put("pool", pool);
    command.put("var", key);
    command.put("val", value);
    if (sure) {
      command.put("yes_i_really_mean_it", true);
    }
    connection.monCommand(command);
  }

  /**
   * The pool's placement groups counted by state ("active+clean": 32), as the manager last reported
   * them; empty for a pool the manager has not reported yet. I/O to a pool waits while any of its
   * PGs is not active.
   */
  public Map<String, Integer> placementGroupStates(String pool) {
    return PoolJson.pgStates(
        connection
            .mgrCommand(Map.of("prefix", "pg ls-by-pool", "poolstr", pool, "format", "json"))
            .output());
  }

  /** {@code osd pool get <pool> all}; empty when the pool does not exist. */
  private Optional<Map<String, String>> values(String pool) {
    try {
      return Optional.of(
          PoolJson.values(
              connection
                  .monCommand(Map.of("prefix", "osd pool get", "pool", pool, "var", "all"))
                  .output()));
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private String df() {
    return connection.monCommand(Map.of("prefix", "df")).output();
  }

  private static CephException vanished(String pool) {
    return new CephException("read pool " + pool, Errno.ENOENT.value(), "deleted meanwhile");
  }
}
