package io.strata.operator.k8s;

/**
 * A CephCluster the operator reached: what pools and filesystems in its namespace need.
 *
 * @param managed the operator runs its daemons (false in external mode)
 */
public record ReadyCluster(
    String name, String fsid, CephEndpoint endpoint, boolean managed, String health) {}
