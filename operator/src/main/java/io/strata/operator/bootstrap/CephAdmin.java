package io.strata.operator.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.Errno;
import io.strata.ceph.RbdPools;
import java.util.Map;

/**
 * The Ceph-side bootstrap calls, as mon and mgr commands over an admin connection. Stateless and
 * runtime-independent; every method is safe to repeat.
 */
public final class CephAdmin {
  private final CephConnection ceph;

  public CephAdmin(CephConnection ceph) {
    this.ceph = ceph;
  }

  public ClusterReadiness readiness() {
    return ClusterReadiness.parse(ceph.monCommand(Map.of("prefix", "status")).output());
  }

  /** "HEALTH_OK", "HEALTH_WARN" or "HEALTH_ERR". */
  public String health() {
    return ceph.monCommand(Map.of("prefix", "health"))
        .outputAs(JsonNode.class)
        .path("status")
        .asText("UNKNOWN");
  }

  /**
   * Allocates an OSD id for {@code uuid} ({@code ceph osd new}); the same uuid always gets the same
   * id back. The OSD's key is already known to the monitor, so none is passed.
   */
  public int osdNew(String uuid) {
    JsonNode out =
        ceph.monCommand(Map.of("prefix", "osd new", "uuid", uuid)).outputAs(JsonNode.class);
    if (!out.has("osdid")) {
      throw new BootstrapException("osd new answered without an osd id");
    }
    return out.path("osdid").asInt();
  }

  /**
   * Creates a replicated pool and initialises it for RBD with librbd's {@code rbd_pool_init}, which
   * is what {@code rbd pool init} runs: it enables the "rbd" application on the pool, then
   * validates it. A pool that already has the application is left alone, since every mutating
   * command costs a monitor proposal (up to a second).
   */
  public void ensureRbdPool(String pool) {
    if (hasApplication(pool, "rbd")) {
      return;
    }
    ceph.monCommand(Map.of("prefix", "osd pool create", "pool", pool));
    new RbdPools(ceph).init(pool);
  }

  private boolean hasApplication(String pool, String application) {
    try {
      return ceph.monCommand(Map.of("prefix", "osd pool application get", "pool", pool))
          .outputAs(JsonNode.class)
          .has(application);
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return false;
      }
      throw e;
    }
  }

  public boolean filesystemExists(String name) {
    for (JsonNode fs : ceph.monCommand(Map.of("prefix", "fs ls")).outputAs(JsonNode.class)) {
      if (fs.path("name").asText().equals(name)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Creates a CephFS filesystem with its two pools through the mgr volumes module. Without an
   * orchestrator it deploys no MDS ("Volume created successfully (no MDS daemons created)"): the
   * caller runs its own.
   */
  public void ensureFilesystem(String name) {
    if (!filesystemExists(name)) {
      ceph.mgrCommand(Map.of("prefix", "fs volume create", "name", name));
    }
  }

  /** Needs an active MDS: the volumes module mounts the filesystem to make the directory. */
  public void ensureSubvolumeGroup(String fs, String group) {
    ceph.mgrCommand(
        Map.of("prefix", "fs subvolumegroup create", "vol_name", fs, "group_name", group));
  }
}
