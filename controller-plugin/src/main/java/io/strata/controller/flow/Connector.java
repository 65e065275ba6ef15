package io.strata.controller.flow;

import io.strata.csi.ClusterAccess;
import io.strata.csi.ClusterSession;
import java.util.Map;

/** Connects to a cluster by id with the credentials one request may use. */
@FunctionalInterface
interface Connector {
  ClusterSession connect(String clusterId);

  /** As the cephx user the request's secrets name. */
  static Connector withSecrets(ClusterAccess clusters, Map<String, String> secrets) {
    return clusterId -> clusters.connect(clusterId, secrets);
  }

  /** As the plugin's own user, for RPCs without secrets. */
  static Connector asPlugin(ClusterAccess clusters) {
    return clusters::connectAsPlugin;
  }
}
