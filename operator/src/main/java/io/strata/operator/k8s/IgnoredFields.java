package io.strata.operator.k8s;

import io.strata.operator.api.v1.CephClusterSpec;
import io.strata.operator.api.v1.CephFilesystemSpec;
import io.strata.operator.api.v1.PoolSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * Spec fields a user set that Strata accepts (Rook's examples use them) but does not act on, as
 * JSON paths for status.ignoredFields: nothing is silently dropped. docs/operator.md lists them.
 */
public final class IgnoredFields {
  private final List<String> paths = new ArrayList<>();

  private IgnoredFields() {}

  public static List<String> of(CephClusterSpec spec) {
    IgnoredFields ignored = new IgnoredFields();
    ignored.when(spec.skipUpgradeChecks != null, "spec.skipUpgradeChecks");
    ignored.when(
        spec.continueUpgradeAfterChecksEvenIfNotHealthy != null,
        "spec.continueUpgradeAfterChecksEvenIfNotHealthy");
    ignored.when(spec.upgradeCheckInterval != null, "spec.upgradeCheckInterval");
    ignored.when(
        spec.cephVersion != null && spec.cephVersion.allowUnsupported != null,
        "spec.cephVersion.allowUnsupported");
    ignored.when(spec.monitoring != null, "spec.monitoring");
    ignored.when(
        spec.network != null
            && spec.network.provider != null
            && !spec.network.provider.equals("host"),
        "spec.network.provider");
    if (spec.external != null && spec.external.enable) {
      // an external cluster runs its own daemons: the operator only installs the driver
      ignored.when(spec.cephVersion != null, "spec.cephVersion");
      ignored.when(spec.storage != null, "spec.storage");
      ignored.when(spec.dashboard != null, "spec.dashboard");
      ignored.when(spec.mgr != null && !spec.mgr.modules.isEmpty(), "spec.mgr.modules");
    }
    return ignored.paths;
  }

  public static List<String> of(String prefix, PoolSpec spec) {
    IgnoredFields ignored = new IgnoredFields();
    ignored.pool(prefix, spec);
    return ignored.paths;
  }

  public static List<String> of(CephFilesystemSpec spec) {
    IgnoredFields ignored = new IgnoredFields();
    ignored.pool("spec.metadataPool", spec.metadataPool);
    for (int i = 0; i < spec.dataPools.size(); i++) {
      ignored.pool("spec.dataPools[" + i + "]", spec.dataPools.get(i));
    }
    return ignored.paths;
  }

  private void pool(String prefix, PoolSpec spec) {
    when(spec.erasureCoded != null, prefix + ".erasureCoded");
    when(spec.mirroring != null, prefix + ".mirroring");
    when(
        spec.replicated != null && spec.replicated.targetSizeRatio != null,
        prefix + ".replicated.targetSizeRatio");
    when(
        spec.replicated != null && spec.replicated.stretchThreshold != null,
        prefix + ".replicated.stretchThreshold");
  }

  private void when(boolean set, String path) {
    if (set) {
      paths.add(path);
    }
  }
}
