package io.strata.operator.bootstrap;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.Cluster;
import io.strata.ceph.Filesystems;
import io.strata.ceph.Pools;
import io.strata.ceph.RbdPools;
import io.strata.ceph.Subvolumes;
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
    return new Cluster(ceph).health().status();
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
   * Creates a replicated pool with the cluster's defaults and initialises it for RBD with librbd's
   * {@code rbd_pool_init}, which is what {@code rbd pool init} runs: it enables the "rbd"
   * application on the pool, then validates it. A pool that already has the application is left
   * alone, since every mutating command costs a monitor proposal (up to a second).
   */
  public void ensureRbdPool(String pool) {
    Pools pools = new Pools(ceph);
    if (pools.applications(pool).contains("rbd")) {
      return;
    }
    pools.create(pool);
    new RbdPools(ceph).init(pool);
  }

  public boolean filesystemExists(String name) {
    return new Filesystems(ceph).byName(name).isPresent();
  }

  /**
   * Creates a CephFS filesystem with its two pools through the mgr volumes module. Without an
   * orchestrator it deploys no MDS ("Volume created successfully (no MDS daemons created)"): the
   * caller runs its own.
   */
  public void ensureFilesystem(String name) {
    new Filesystems(ceph).createVolume(name);
  }

  /** Needs an active MDS: the volumes module mounts the filesystem to make the directory. */
  public void ensureSubvolumeGroup(String fs, String group) {
    new Subvolumes(ceph, fs, group).createGroup();
  }
}
