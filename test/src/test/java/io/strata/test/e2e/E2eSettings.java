package io.strata.test.e2e;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the e2e suite is told, as system properties (mvn -Pe2e -Dstrata.e2e.X=...); the defaults
 * match deploy/. docs/deploy.md lists them.
 */
record E2eSettings(
    Optional<String> install,
    String rbdStorageClass,
    String rbdBlockStorageClass,
    String cephfsStorageClass,
    String rbdSnapshotClass,
    String cephfsSnapshotClass,
    String podImage,
    Duration timeout,
    Optional<CephAccess> ceph,
    Optional<String> managedCephImage,
    String managedDataDir) {

  /** Admin access to the cluster behind the drivers, to check nothing stays in Ceph. */
  record CephAccess(List<String> monitors, String user, String key, String subvolumeGroup) {}

  static E2eSettings fromSystemProperties() {
    return new E2eSettings(
        property("install"),
        property("rbd.storageClass").orElse("strata-rbd"),
        property("rbdBlock.storageClass").orElse("strata-rbd-block"),
        property("cephfs.storageClass").orElse("strata-cephfs"),
        property("rbd.snapshotClass").orElse("strata-rbd"),
        property("cephfs.snapshotClass").orElse("strata-cephfs"),
        property("podImage").orElse("busybox:1.36"),
        Duration.ofSeconds(Long.parseLong(property("timeoutSeconds").orElse("300"))),
        property("ceph.monitors")
            .map(monitors ->
                new CephAccess(
                    Arrays.stream(monitors.split(",")).map(String::strip).toList(),
                    property("ceph.user").orElse("admin"),
                    property("ceph.key")
                        .orElseThrow(() ->
                            new IllegalArgumentException(
                                "strata.e2e.ceph.monitors needs strata.e2e.ceph.key")),
                    property("ceph.subvolumeGroup").orElse("csi"))),
        property("managed.cephImage"),
        property("managed.dataDirHostPath").orElse("/var/lib/strata-e2e"));
  }

  private static Optional<String> property(String name) {
    return Optional.ofNullable(System.getProperty("strata.e2e." + name)).filter(v -> !v.isBlank());
  }
}
