package io.strata.operator.api.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** An RBD pool in the CephCluster of the same namespace. */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("cephbp")
public class CephBlockPool extends CustomResource<CephBlockPoolSpec, CephBlockPoolStatus>
    implements Namespaced {}
