package io.strata.cli.bench;

import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.ceph.ConnectionSpec;
import io.strata.csi.ClusterAccess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a run can take from a directory made by {@code strata local up}: the cluster config the
 * plugins use (clusterID, monitors, subvolume group) and the admin key. {@link #toString()} leaves
 * the key out.
 */
record ClusterDir(ClusterConfig cluster, String adminKey) {
  static final String ADMIN = "admin";

  static ClusterDir read(Path directory) throws IOException {
    var clusters = ClusterConfigs.read(directory.resolve("csi-config.json")).all();
    if (clusters.isEmpty()) {
      throw new IOException(directory.resolve("csi-config.json") + " lists no cluster");
    }
    Path keyring = directory.resolve("client.admin.keyring");
    return new ClusterDir(clusters.iterator().next(), keyringKey(Files.readAllLines(keyring)));
  }

  /** The value of the {@code key = ...} line of a keyring. */
  static String keyringKey(List<String> lines) throws IOException {
    for (String line : lines) {
      String trimmed = line.strip();
      int equals = trimmed.indexOf('=');
      if (trimmed.startsWith("key")
          && equals > 0
          && trimmed.substring(0, equals).strip().equals("key")) {
        return trimmed.substring(equals + 1).strip();
      }
    }
    throw new IOException("the keyring has no 'key = ...' line");
  }

  /** CSI secrets for the admin user, as a StorageClass's secret would carry them. */
  Map<String, String> adminSecrets() {
    return Map.of(ClusterAccess.USER_ID, ADMIN, ClusterAccess.USER_KEY, adminKey);
  }

  ConnectionSpec adminConnection() {
    return new ConnectionSpec(cluster.monitors(), ADMIN, adminKey);
  }

  @Override
  public String toString() {
    return "ClusterDir[cluster=" + cluster + "]";
  }
}
