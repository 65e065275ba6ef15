package io.strata.ceph;

import java.util.Map;

/** Cluster-wide questions, answered by the monitors alone: they still answer with the mgr down. */
public final class Cluster {
  private final CephConnection ceph;

  public Cluster(CephConnection ceph) {
    this.ceph = ceph;
  }

  public Health health() {
    return Health.parse(
        ceph.fsid(),
        ceph.monCommand(Map.of("prefix", "health")).output(),
        ceph.monCommand(Map.of("prefix", "df")).output());
  }
}
