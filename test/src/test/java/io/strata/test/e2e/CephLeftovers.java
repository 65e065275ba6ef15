package io.strata.test.e2e;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.strata.ceph.CephConnection;
import io.strata.ceph.ConnectionSpec;
import io.strata.ceph.RbdImages;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Ceph objects behind the suite's PVs, read from the volume attributes the controller returns
 * (rbd: pool, radosNamespace, imageName; cephfs: fsName, subvolumeName), and checked gone once the
 * PVs are. Only with {@code -Dstrata.e2e.ceph.monitors/key}: the suite needs no Ceph access.
 */
final class CephLeftovers {
  private final List<Map<String, String>> volumes = new ArrayList<>();

  /** Notes where a PV's data lives in Ceph. */
  void record(PersistentVolume pv) {
    volumes.add(Map.copyOf(pv.getSpec().getCsi().getVolumeAttributes()));
  }

  /** The recorded images and subvolumes that still exist; empty when all are gone. */
  List<String> stillInCeph(E2eSettings.CephAccess ceph) {
    List<String> left = new ArrayList<>();
    try (CephConnection connection =
        CephConnection.open(new ConnectionSpec(ceph.monitors(), ceph.user(), ceph.key()))) {
      for (Map<String, String> volume : volumes) {
        if (volume.containsKey("imageName")) {
          RbdImages images =
              new RbdImages(
                  connection, volume.get("pool"), volume.getOrDefault("radosNamespace", ""));
          if (images.list().contains(volume.get("imageName"))) {
            left.add("image " + volume.get("pool") + "/" + volume.get("imageName"));
          }
        } else if (volume.containsKey("subvolumeName")) {
          String listing =
              connection
                  .mgrCommand(
                      Map.of(
                          "prefix",
                          "fs subvolume ls",
                          "vol_name",
                          volume.get("fsName"),
                          "group_name",
                          ceph.subvolumeGroup()))
                  .output();
          if (listing.contains("\"" + volume.get("subvolumeName") + "\"")) {
            left.add("subvolume " + volume.get("fsName") + "/" + volume.get("subvolumeName"));
          }
        }
      }
    }
    return left;
  }
}
