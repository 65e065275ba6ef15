package io.strata.operator.api.v1;

/** The API group and version of Strata's Ceph resources. */
public final class Api {
  public static final String GROUP = "ceph.strata.io";
  public static final String VERSION = "v1";

  private Api() {}
}
