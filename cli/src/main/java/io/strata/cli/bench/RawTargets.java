package io.strata.cli.bench;

import io.strata.ceph.CephConnection;
import io.strata.ceph.ConnectionSpec;
import java.util.Map;

/** Picks the raw baseline that matches a run's StorageClass parameters. */
final class RawTargets {
  static final String DEFAULT_POOL = "rbd";

  private RawTargets() {}

  /**
   * CephFS when the parameters name a filesystem ({@code fsName}), RBD in {@code pool} otherwise,
   * as the two Strata backends read them.
   */
  static Target open(
      Map<String, String> parameters,
      ConnectionSpec connection,
      String subvolumeGroup,
      String radosNamespace) {
    CephConnection ceph = CephConnection.open(connection);
    try {
      String fsName = parameters.get("fsName");
      return fsName != null
          ? new RawCephFs(ceph, fsName, subvolumeGroup)
          : new RawRbd(ceph, parameters.getOrDefault("pool", DEFAULT_POOL), radosNamespace);
    } catch (RuntimeException e) {
      ceph.close();
      throw e;
    }
  }
}
