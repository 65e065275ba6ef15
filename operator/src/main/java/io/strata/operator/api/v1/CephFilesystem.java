package io.strata.operator.api.v1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** A CephFS filesystem (pools, MDS daemons, the CSI subvolume group) in the namespace's cluster. */
@Group(Api.GROUP)
@Version(Api.VERSION)
@ShortNames("cephfs")
public class CephFilesystem extends CustomResource<CephFilesystemSpec, CephFilesystemStatus>
    implements Namespaced {}
