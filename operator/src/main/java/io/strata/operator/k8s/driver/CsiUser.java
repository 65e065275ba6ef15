package io.strata.operator.k8s.driver;

import io.strata.ceph.CsiUserCaps;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The four cephx users the driver runs as, least privilege each, and the Secret (userID, userKey)
 * each one's key goes to. The provisioner Secrets keep the names deploy/base mounts into the
 * controllers.
 */
public enum CsiUser {
  RBD_PROVISIONER("strata-rbd-provisioner", "strata-rbd-secret", CsiUserCaps::rbdProvisioner),
  RBD_NODE("strata-rbd-node", "strata-rbd-node-secret", CsiUserCaps::rbdNode),
  CEPHFS_PROVISIONER(
      "strata-cephfs-provisioner", "strata-cephfs-secret", CsiUserCaps::cephfsProvisioner),
  CEPHFS_NODE("strata-cephfs-node", "strata-cephfs-node-secret", CsiUserCaps::cephfsNode);

  private final String id;
  private final String secretName;
  private final Supplier<Map<String, String>> caps;

  CsiUser(String id, String secretName, Supplier<Map<String, String>> caps) {
    this.id = id;
    this.secretName = secretName;
    this.caps = caps;
  }

  /** The cephx user id, without "client.". */
  public String id() {
    return id;
  }

  /** The Secret with this user's userID and userKey, in the CephCluster's namespace. */
  public String secretName() {
    return secretName;
  }

  String entity() {
    return "client." + id;
  }

  Map<String, String> caps() {
    return caps.get();
  }
}
