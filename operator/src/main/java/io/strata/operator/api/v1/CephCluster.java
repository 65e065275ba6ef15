package io.strata.operator.api.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A Ceph cluster the operator runs (or, in external mode, connects to) and its CSI driver. */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("cephcluster")
public class CephCluster extends CustomResource<CephClusterSpec, CephClusterStatus>
    implements Namespaced {}
