package io.strata.operator.k8s.managed;

import io.strata.operator.api.v1.CephFilesystem;
import io.strata.operator.api.v1.CephFilesystemSpec.MetadataServerSpec;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.k8s.Applier;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A filesystem's metadata servers: their keys (from the monitors, kept in a Secret the
 * CephFilesystem owns), one Deployment each, and the filesystem's MDS settings. Servers beyond the
 * count are removed: an MDS keeps no state of its own, its journal is in RADOS.
 */
final class MetadataServers {
  private final KeyringSecrets secrets;
  private final Applier applier;

  MetadataServers(KeyringSecrets secrets, Applier applier) {
    this.secrets = secrets;
    this.applier = applier;
  }

  /**
   * activeCount active servers, and with activeStandby as many standby-replay ones (at least one
   * more than the active ones), named "&lt;fs&gt;-a", "&lt;fs&gt;-b"... as Ceph ids.
   */
  static List<Daemon> daemons(String filesystem, MetadataServerSpec spec) {
    if (spec.activeCount < 1) {
      throw new IllegalArgumentException(
          "spec.metadataServer.activeCount must be at least 1, is " + spec.activeCount);
    }
    int count =
        spec.activeStandby
            ? Math.max(spec.activeCount * 2, spec.activeCount + 1)
            : spec.activeCount;
    List<Daemon> daemons = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      daemons.add(Daemon.mds(filesystem + "-" + DaemonIds.letters(i)));
    }
    return daemons;
  }

  void apply(
      CephFilesystem fs, ClusterNames names, DaemonDeployments deployments, CephCommands ceph) {
    String filesystem = fs.getMetadata().getName();
    List<Daemon> daemons = daemons(filesystem, fs.getSpec().metadataServer);
    String secret = names.mdsSecret(filesystem);
    Map<String, String> stored = secrets.read(names.namespace(), secret);
    Map<String, String> missing = new LinkedHashMap<>();
    DaemonKeys keys = new DaemonKeys(ceph);
    for (Daemon mds : daemons) {
      String entry = StoredKeys.keyringFile(mds.name());
      if (!stored.containsKey(entry)) {
        missing.put(entry, keys.keyring(mds));
      }
    }
    if (!missing.isEmpty()) {
      Map<String, String> labels = names.common();
      labels.put(ClusterNames.FILESYSTEM_LABEL, filesystem);
      secrets.add(fs, secret, labels, missing);
    }
    Set<String> wanted = new HashSet<>();
    for (Daemon mds : daemons) {
      wanted.add(applier.apply(deployments.mds(mds, filesystem), fs).getMetadata().getName());
    }
    applier.removeDeploymentsExcept(
        names.namespace(),
        Map.of(
            ClusterNames.CLUSTER_LABEL, names.cluster(),
            ClusterNames.FILESYSTEM_LABEL, filesystem,
            ClusterNames.APP_LABEL, ClusterNames.app(Daemon.Type.MDS)),
        wanted);
    new FilesystemSettings(ceph).converge(filesystem, fs.getSpec().metadataServer);
  }
}
