package io.strata.ceph;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The cluster's CephFS filesystems, as the monitors' FSMap describes them, and their
 * administration. Creating and removing never touches pools: they are the caller's, made and
 * deleted with {@link Pools}. Every method is safe to repeat.
 */
public final class Filesystems {
  /** CEPH_MDSMAP_ALLOW_STANDBY_REPLAY in an mdsmap's "flags" (Ceph 16 has no flags_state yet). */
  static final int ALLOW_STANDBY_REPLAY = 1 << 5;

  private final CephConnection connection;

  public Filesystems(CephConnection connection) {
    this.connection = connection;
  }

  /**
   * A filesystem: its fscid (stable while it exists), name and pools.
   *
   * @param dataPoolIds the first is the default data pool
   */
  public record Filesystem(long id, String name, long metadataPoolId, List<Long> dataPoolIds) {}

  public List<Filesystem> list() {
    List<Filesystem> found = new ArrayList<>();
    for (JsonNode fs : dump().path("filesystems")) {
      JsonNode mdsmap = fs.path("mdsmap");
      List<Long> dataPools = new ArrayList<>();
      mdsmap.path("data_pools").forEach(pool -> dataPools.add(pool.asLong()));
      found.add(
          new Filesystem(
              fs.path("id").asLong(),
              mdsmap.path("fs_name").asText(),
              mdsmap.path("metadata_pool").asLong(),
              dataPools));
    }
    return found;
  }

  public Optional<Filesystem> byName(String name) {
    return list().stream().filter(fs -> fs.name().equals(name)).findFirst();
  }

  /**
   * How many MDS daemons serve {@code name} as active ranks. Without one, nothing that mounts the
   * filesystem (the mgr's subvolume commands included) gets an answer.
   */
  public int activeMdsCount(String name) {
    int active = 0;
    for (JsonNode daemon : mdsmap(name).path("info")) {
      if (daemon.path("state").asText().equals("up:active")) {
        active++;
      }
    }
    return active;
  }

  public Optional<Filesystem> byId(long id) {
    return list().stream().filter(fs -> fs.id() == id).findFirst();
  }

  /** Whether the FSMap allows more than one filesystem (Ceph 16 allows it from the start). */
  public boolean multipleAllowed() {
    return allowsMultiple(dump());
  }

  /**
   * Creates a filesystem on existing pools ({@code fs new}, which also tags the pools for cephfs),
   * then adds each data pool it lacks ({@code fs add_data_pool}). The first data pool becomes the
   * default one only when the filesystem is made. A filesystem of that name on another metadata
   * pool is an error, not something to repair.
   */
  public void create(String name, String metadataPool, List<String> dataPools) {
    if (dataPools == null || dataPools.isEmpty()) {
      throw new IllegalArgumentException("filesystem " + name + " needs at least one data pool");
    }
    Optional<Filesystem> existing = byName(name);
    if (existing.isEmpty()) {
      JsonNode map = dump();
      if (!map.path("filesystems").isEmpty() && !allowsMultiple(map)) {
        connection.monCommand(
            Map.of(
                "prefix", "fs flag set",
                "flag_name", "enable_multiple",
                "val", "true",
                "yes_i_really_mean_it", true));
      }
      connection.monCommand(
          Map.of(
              "prefix",
              "fs new",
              "fs_name",
              name,
              "metadata",
              metadataPool,
              "data",
              dataPools.get(0)));
      existing = Optional.of(byName(name).orElseThrow(() -> missing(name)));
    } else if (existing.get().metadataPoolId() != connection.poolId(metadataPool)) {
      throw new IllegalStateException(
          "filesystem "
              + name
              + " exists with metadata pool "
              + connection.poolName(existing.get().metadataPoolId())
              + ", not "
              + metadataPool
              + "; a filesystem cannot change its metadata pool");
    }
    for (String pool : dataPools) {
      if (!existing.get().dataPoolIds().contains(connection.poolId(pool))) {
        connection.monCommand(Map.of("prefix", "fs add_data_pool", "fs_name", name, "pool", pool));
      }
    }
  }

  /**
   * Creates a filesystem with its two pools ({@code cephfs.<name>.meta} and {@code .data}) through
   * the mgr volumes module, unless it exists. Without an orchestrator it deploys no MDS: the caller
   * runs its own.
   */
  public void createVolume(String name) {
    if (byName(name).isEmpty()) {
      connection.mgrCommand(Map.of("prefix", "fs volume create", "name", name));
    }
  }

  /** How many MDS ranks are active at once ({@code max_mds}); each needs an MDS daemon. */
  public void setMaxMds(String name, int activeCount) {
    if (activeCount < 1) {
      throw new IllegalArgumentException(
          "filesystem " + name + ": at least one active MDS, not " + activeCount);
    }
    if (mdsmap(name).path("max_mds").asInt() != activeCount) {
      set(name, "max_mds", Integer.toString(activeCount));
    }
  }

  /** Whether standby MDS daemons follow an active one's journal, to take over in seconds. */
  public void setStandbyReplay(String name, boolean on) {
    boolean current = (mdsmap(name).path("flags").asInt() & ALLOW_STANDBY_REPLAY) != 0;
    if (current != on) {
      set(name, "allow_standby_replay", Boolean.toString(on));
    }
  }

  /**
   * Takes the filesystem down ({@code fs fail}: clients lose it at once) and removes it from the
   * FSMap. Its pools and their data stay. A filesystem that does not exist is no error.
   */
  public void remove(String name) {
    if (byName(name).isEmpty()) {
      return;
    }
    connection.monCommand(Map.of("prefix", "fs fail", "fs_name", name));
    connection.monCommand(Map.of("prefix", "fs rm", "fs_name", name, "yes_i_really_mean_it", true));
  }

  private void set(String name, String variable, String value) {
    Map<String, Object> command = new LinkedHashMap<>();
    command.put("prefix", "fs set");
    command.put("fs_name", name);
    command.put("var", variable);
    command.put("val", value);
    connection.monCommand(command);
  }

  private static boolean allowsMultiple(JsonNode fsDump) {
    return fsDump.path("feature_flags").path("enable_multiple").asBoolean(false);
  }

  private JsonNode mdsmap(String name) {
    for (JsonNode fs : dump().path("filesystems")) {
      if (fs.path("mdsmap").path("fs_name").asText().equals(name)) {
        return fs.path("mdsmap");
      }
    }
    throw missing(name);
  }

  private JsonNode dump() {
    return connection.monCommand(Map.of("prefix", "fs dump")).outputAs(JsonNode.class);
  }

  private static CephException missing(String name) {
    return new CephException("find filesystem " + name, Errno.ENOENT.value(), "no such filesystem");
  }
}
