package io.strata.csi;

import io.strata.ceph.CephConnection;
import io.strata.ceph.ClusterConfig;

/** A cluster's configuration and a connection to it as one request's user. */
public record ClusterSession(ClusterConfig config, CephConnection connection) {}
