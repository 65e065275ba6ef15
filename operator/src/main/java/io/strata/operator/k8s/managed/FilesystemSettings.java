package io.strata.operator.k8s.managed;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephException;
import io.strata.ceph.Errno;
import io.strata.operator.api.v1.CephFilesystemSpec.MetadataServerSpec;
import java.util.Map;

/**
 * A filesystem's MDS settings: max_mds from activeCount, allow_standby_replay from activeStandby,
 * set only where {@code fs get} differs. A filesystem not made yet is skipped: the next call, once
 * it exists, sets them.
 */
final class FilesystemSettings {
  /** CEPH_MDSMAP_ALLOW_STANDBY_REPLAY in the mdsmap's flags. */
  static final long ALLOW_STANDBY_REPLAY = 1L << 5;

  private final CephCommands ceph;

  FilesystemSettings(CephCommands ceph) {
    this.ceph = ceph;
  }

  void converge(String filesystem, MetadataServerSpec spec) {
    JsonNode mdsmap;
    try {
      mdsmap = ceph.mon(Map.of("prefix", "fs get", "fs_name", filesystem)).path("mdsmap");
    } catch (CephException e) {
      if (e.kind() == Errno.ENOENT) {
        return;
      }
      throw e;
    }
    if (mdsmap.path("max_mds").asInt() != spec.activeCount) {
      set(filesystem, "max_mds", Integer.toString(spec.activeCount));
    }
    boolean replay = (mdsmap.path("flags").asLong() & ALLOW_STANDBY_REPLAY) != 0;
    if (replay != spec.activeStandby) {
      set(filesystem, "allow_standby_replay", Boolean.toString(spec.activeStandby));
    }
  }

  private void set(String filesystem, String variable, String value) {
    ceph.mon(Map.of("prefix", "fs set", "fs_name", filesystem, "var", variable, "val", value));
  }
}
