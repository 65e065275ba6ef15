package io.strata.csi;

import io.strata.ceph.CephConnections;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.ceph.ConnectionSpec;
import java.util.Collection;
import java.util.Map;

/**
 * Turns a request's clusterID and CSI secrets into a connection to that cluster. Secrets use the
 * keys Kubernetes users already write for Ceph: {@code userID} and {@code userKey}.
 *
 * <p>Some RPCs carry no secrets (ListVolumes, GetCapacity, ControllerGetVolume); they use the
 * plugin's own credentials when it was given some, and are not advertised otherwise. Requests that
 * do carry secrets never fall back to the plugin's: a StorageClass without secrets must not borrow
 * the controller's user.
 */
public final class ClusterAccess {
  public static final String USER_ID = "userID";
  public static final String USER_KEY = "userKey";

  private final ClusterConfigs clusters;
  private final CephConnections connections;
  private final Map<String, String> ownSecrets;

  public ClusterAccess(ClusterConfigs clusters, CephConnections connections) {
    this(clusters, connections, Map.of());
  }

  public ClusterAccess(
      ClusterConfigs clusters, CephConnections connections, Map<String, String> ownSecrets) {
    this.clusters = clusters;
    this.connections = connections;
    this.ownSecrets = Map.copyOf(ownSecrets);
  }

  /** Whether requests without secrets can still reach Ceph. */
  public boolean hasOwnSecrets() {
    return !ownSecrets.isEmpty();
  }

  public Collection<ClusterConfig> clusters() {
    return clusters.all();
  }

  public ClusterConfig cluster(String clusterId) {
    if (clusterId == null || clusterId.isEmpty()) {
      throw CsiException.invalidArgument("parameter clusterID is required");
    }
    return clusters
        .find(clusterId)
        .orElseThrow(() ->
            CsiException.invalidArgument(
                "clusterID "
                    + clusterId
                    + " is not in the plugin's cluster config; add it with its monitors"));
  }

  public ClusterSession connect(String clusterId, Map<String, String> secrets) {
    ClusterConfig cluster = cluster(clusterId);
    return new ClusterSession(cluster, connections.get(spec(cluster, secrets)));
  }

  /** A connection as the plugin's own user, for RPCs that carry no secrets. */
  public ClusterSession connectAsPlugin(String clusterId) {
    if (!hasOwnSecrets()) {
      throw CsiException.failedPrecondition(
          "this RPC carries no secrets and the plugin has no credentials of its own;"
              + " start the controller with --secrets-dir");
    }
    return connect(clusterId, ownSecrets);
  }

  static ConnectionSpec spec(ClusterConfig cluster, Map<String, String> secrets) {
    String user = secrets.get(USER_ID);
    String key = secrets.get(USER_KEY);
    if (user == null || user.isEmpty() || key == null || key.isEmpty()) {
      throw CsiException.invalidArgument(
          "secrets must carry " + USER_ID + " and " + USER_KEY + " of a cephx user");
    }
    if (!isCephxKey(key)) {
      throw CsiException.invalidArgument(
          "secret " + USER_KEY + " is not a cephx key (the base64 'key' of a keyring entry)");
    }
    return new ConnectionSpec(cluster.monitors(), user, key);
  }

  /** A cephx secret: base64 of a 12-byte header and a 16-byte AES key. */
  private static boolean isCephxKey(String key) {
    try {
      return java.util.Base64.getDecoder().decode(key).length == 28;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }
}
