package io.strata.operator.bootstrap;

/**
 * The names of what the bootstrap makes for the CSI driver: an RBD pool, a CephFS filesystem and
 * the subvolume group the CephFS volumes go in.
 */
public record ServiceNames(String rbdPool, String fsName, String subvolumeGroup) {
  public static final ServiceNames DEFAULT = new ServiceNames("rbd", "strata-fs", "csi");
}
