package io.strata.operator.k8s.managed;

import io.strata.operator.api.v1.CephCluster;
import io.strata.operator.bootstrap.Daemon;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The names, labels and host directories of one CephCluster's objects, all derived from the
 * cluster's namespace and name so that every call finds what an earlier one made.
 */
record ClusterNames(String namespace, String cluster, String dataDirHostPath) {
  static final String CLUSTER_LABEL = "strata.io/cluster";
  static final String DAEMON_LABEL = "strata.io/daemon";
  static final String FILESYSTEM_LABEL = "strata.io/filesystem";
  static final String APP_LABEL = "app.kubernetes.io/name";

  static ClusterNames of(CephCluster cluster) {
    String dataDir = cluster.getSpec().dataDirHostPath;
    if (dataDir == null || !dataDir.startsWith("/")) {
      throw new IllegalArgumentException(
          "spec.dataDirHostPath must be an absolute host path, is '" + dataDir + "'");
    }
    return new ClusterNames(
        cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), dataDir);
  }

  /** fsid and keyrings of the monitors, the admin, the mgrs and the OSDs. */
  String keysSecret() {
    return cluster + "-ceph-keys";
  }

  /** ceph.conf and the monitor placement. */
  String configMap() {
    return cluster + "-ceph-config";
  }

  /** The OSDs registered with the monitors, so none is registered twice. */
  String osdsConfigMap() {
    return cluster + "-ceph-osds";
  }

  /** The keyrings of one filesystem's metadata servers. */
  String mdsSecret(String filesystem) {
    return cluster + "-mds-" + filesystem + "-keys";
  }

  /** "c1-mon-a", "c1-osd-0", "c1-mds-myfs-a". */
  String deployment(Daemon daemon) {
    return cluster + "-" + daemon.type().word() + "-" + daemon.id();
  }

  /** What a daemon's Deployment selects its pod by. */
  Map<String, String> selector(Daemon daemon) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put(CLUSTER_LABEL, cluster);
    labels.put(DAEMON_LABEL, daemon.name());
    return labels;
  }

  /** A daemon's Deployment and pod: its selector plus its kind, "ceph-mon". */
  Map<String, String> labels(Daemon daemon) {
    Map<String, String> labels = common();
    labels.put(APP_LABEL, app(daemon.type()));
    labels.putAll(selector(daemon));
    return labels;
  }

  /** Every object of the cluster carries these. */
  Map<String, String> common() {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("app.kubernetes.io/part-of", "strata");
    labels.put("app.kubernetes.io/managed-by", "strata-operator");
    labels.put(CLUSTER_LABEL, cluster);
    return labels;
  }

  static String app(Daemon.Type type) {
    return "ceph-" + type.word();
  }

  /** The monitor's store on its node: {@code <dataDirHostPath>/<namespace>/mon-<id>}. */
  String monHostDir(Daemon mon) {
    return Path.of(dataDirHostPath, namespace, "mon-" + mon.id()).toString();
  }

  /** An OSD's store in a storage directory: {@code <directory>/<namespace>/osd-<id>}. */
  String osdHostDir(String directory, Daemon osd) {
    return Path.of(directory, namespace, "osd-" + osd.id()).toString();
  }
}
