package io.strata.controller.flow;

import io.strata.csi.ClusterSession;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The Ceph side of one kind of volume (RBD image, CephFS subvolume). The shared {@link VolumeFlow}
 * validates, locks, journals and undoes; a backend only touches Ceph.
 *
 * @param <P> where the backend's volumes live (pool and namespace, filesystem and group)
 */
public interface VolumeBackend<P extends Placement> {
  /** Where volumes with these parameters live; rejects bad backend parameters. */
  P place(ClusterSession cluster, Map<String, String> parameters);

  /** Where an existing volume lives, from the location id its volume id carries. */
  P locate(ClusterSession cluster, long locationId);

  /** Prefix of Ceph object names: the volumeNamePrefix parameter or the backend's default. */
  String objectNamePrefix(Map<String, String> parameters);

  /** Creates the object; an existing object of the same size is success (a retry). */
  void create(P placement, String objectName, long sizeBytes);

  /** Size of the object, or empty when it does not exist. */
  OptionalLong size(P placement, String objectName);

  /** Grows the object to {@code sizeBytes}; a larger object is left as it is. */
  void expand(P placement, String objectName, long sizeBytes);

  /** Deletes the object; an absent object is success. */
  void delete(P placement, String objectName);

  /** What the node plugin needs to find the object, merged into volume_context. */
  Map<String, String> volumeContext(P placement, String objectName);
}
