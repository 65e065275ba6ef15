package io.strata.node.rbd;

import io.strata.ceph.ClusterConfig;
import io.strata.csi.CsiException;
import io.strata.node.NodeRequests;
import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.ImageSpec;
import io.strata.node.attach.MapOptions;
import java.util.Map;

/**
 * The RBD keys of a NodeStageVolume request's volume_context, checked.
 *
 * @param mounter the StorageClass {@code mounter}, blank for auto-detection
 */
public record RbdVolume(ImageSpec image, String mounter, String mapOptions, String mkfsOptions) {
  static final String POOL = "pool";
  static final String NAMESPACE = "radosNamespace";
  static final String IMAGE = "imageName";
  static final String MOUNTER = "mounter";
  static final String MKFS_OPTIONS = "mkfsOptions";
  static final String MAP_OPTIONS = "mapOptions";

  /** INVALID_ARGUMENT names the first key that is missing or wrong. */
  public static RbdVolume of(Map<String, String> context, ClusterConfig cluster) {
    String pool = NodeRequests.required(context.get(POOL), "volume_context " + POOL);
    String name = NodeRequests.required(context.get(IMAGE), "volume_context " + IMAGE);
    String namespace = context.getOrDefault(NAMESPACE, cluster.rbd().radosNamespace());
    ImageSpec image;
    try {
      image = new ImageSpec(pool, namespace, name);
    } catch (IllegalArgumentException e) {
      throw CsiException.invalidArgument(e.getMessage());
    }
    String mounter = context.getOrDefault(MOUNTER, "").strip();
    if (!mounter.isEmpty() && AttachMethod.fromParameter(mounter).isEmpty()) {
      throw CsiException.invalidArgument(
          "mounter '" + mounter + "' is not one of krbd, rbd-nbd, fuse");
    }
    String mapOptions = context.getOrDefault(MAP_OPTIONS, "");
    try {
      MapOptions.validate(mapOptions);
    } catch (IllegalArgumentException e) {
      throw CsiException.invalidArgument("mapOptions: " + e.getMessage());
    }
    return new RbdVolume(image, mounter, mapOptions, context.getOrDefault(MKFS_OPTIONS, ""));
  }
}
