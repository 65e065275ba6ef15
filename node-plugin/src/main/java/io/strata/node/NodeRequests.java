package io.strata.node;

import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.ceph.ConnectionSpec;
import io.strata.csi.CsiException;
import io.strata.csi.id.CsiId;
import io.strata.node.attach.AttachMethod;
import io.strata.node.attach.ImageSpec;
import io.strata.node.attach.MapOptions;
import io.strata.node.fs.Formatter;
import io.strata.node.state.AccessType;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks node requests and turns them into {@link StageParams} and {@link PublishParams}: every
 * INVALID_ARGUMENT the Node service answers is decided here.
 */
public final class NodeRequests {
  static final String POOL = "pool";
  static final String NAMESPACE = "radosNamespace";
  static final String IMAGE = "imageName";
  static final String CLUSTER = "clusterID";
  static final String MOUNTER = "mounter";
  static final String MKFS_OPTIONS = "mkfsOptions";
  static final String MAP_OPTIONS = "mapOptions";
  static final String USER_ID = "userID";
  static final String USER_KEY = "userKey";
  private static final Set<Mode> READ_ONLY =
      Set.of(Mode.SINGLE_NODE_READER_ONLY, Mode.MULTI_NODE_READER_ONLY);
  private static final Set<Mode> MULTI_NODE_WRITERS =
      Set.of(Mode.MULTI_NODE_SINGLE_WRITER, Mode.MULTI_NODE_MULTI_WRITER);

  private final ClusterConfigs clusters;

  public NodeRequests(ClusterConfigs clusters) {
    this.clusters = clusters;
  }

  public StageParams stage(NodeStageVolumeRequest r) {
    String volumeId = required(r.getVolumeId(), "volume_id");
    Path staging = path(r.getStagingTargetPath(), "staging_target_path");
    Capability cap = capability(r.hasVolumeCapability(), r.getVolumeCapability());
    Map<String, String> context = r.getVolumeContextMap();
    ClusterConfig cluster = cluster(volumeId, context.get(CLUSTER));
    String user = required(r.getSecretsMap().get(USER_ID), "secret " + USER_ID);
    String key = required(r.getSecretsMap().get(USER_KEY), "secret " + USER_KEY);
    ImageSpec image = image(context, cluster);
    String mounter = context.getOrDefault(MOUNTER, "");
    if (!mounter.isBlank() && AttachMethod.fromParameter(mounter.strip()).isEmpty()) {
      throw CsiException.invalidArgument(
          "mounter '" + mounter + "' is not one of krbd, rbd-nbd," + " fuse");
    }
    String mapOptions = context.getOrDefault(MAP_OPTIONS, "");
    try {
      MapOptions.validate(mapOptions);
    } catch (IllegalArgumentException e) {
      throw CsiException.invalidArgument("mapOptions: " + e.getMessage());
    }
    return new StageParams(
        volumeId,
        staging,
        cluster.clusterId(),
        image,
        new ConnectionSpec(cluster.monitors(), user, key),
        mounter.strip(),
        mapOptions,
        context.getOrDefault(MKFS_OPTIONS, ""),
        cap.type(),
        cap.fsType(),
        cap.flags(),
        cap.readOnly());
  }

  public PublishParams publish(NodePublishVolumeRequest r) {
    String volumeId = required(r.getVolumeId(), "volume_id");
    Path staging = path(r.getStagingTargetPath(), "staging_target_path");
    Path target = path(r.getTargetPath(), "target_path");
    Capability cap = capability(r.hasVolumeCapability(), r.getVolumeCapability());
    return new PublishParams(
        volumeId, staging, target, cap.type(), cap.flags(), r.getReadonly() || cap.readOnly());
  }

  /** A required string field; empty means missing in proto3. */
  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw CsiException.invalidArgument(field + " is required");
    }
    return value;
  }

  public static Path path(String value, String field) {
    String text = required(value, field);
    if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
      throw CsiException.invalidArgument(field + " must be an absolute path");
    }
    return Path.of(text).normalize();
  }

  /**
   * The path of a volume the node already serves (stats, expand): a relative path cannot be one, so
   * it is NOT_FOUND rather than a malformed request.
   */
  public static Path servedPath(String value, String field) {
    String text = required(value, field);
    if (!text.startsWith("/") || text.indexOf('\0') >= 0) {
      throw CsiException.notFound("no volume is served at " + field + " " + text);
    }
    return Path.of(text).normalize();
  }

  private record Capability(AccessType type, String fsType, List<String> flags, boolean readOnly) {}

  private static Capability capability(boolean present, VolumeCapability cap) {
    if (!present) {
      throw CsiException.invalidArgument("volume_capability is required");
    }
    Mode mode = cap.getAccessMode().getMode();
    if (mode == Mode.UNKNOWN || mode == Mode.UNRECOGNIZED) {
      throw CsiException.invalidArgument("volume_capability.access_mode is required");
    }
    boolean readOnly = READ_ONLY.contains(mode);
    if (cap.hasBlock()) {
      return new Capability(AccessType.BLOCK, "", List.of(), readOnly);
    }
    if (!cap.hasMount()) {
      throw CsiException.invalidArgument("volume_capability needs access type block or mount");
    }
    if (MULTI_NODE_WRITERS.contains(mode)) {
      throw CsiException.invalidArgument(
          "access mode "
              + mode
              + " needs block access: a"
              + " filesystem cannot be written from several nodes");
    }
    String fsType =
        cap.getMount().getFsType().isBlank()
            ? Formatter.DEFAULT_FS
            : cap.getMount().getFsType().strip();
    if (!Formatter.SUPPORTED.contains(fsType)) {
      throw CsiException.invalidArgument(
          "fs_type " + fsType + " is not one of " + Formatter.SUPPORTED);
    }
    List<String> flags = cap.getMount().getMountFlagsList();
    for (String flag : flags) {
      if (flag.isBlank()
          || flag.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
        throw CsiException.invalidArgument("mount flag '" + flag + "' is not valid");
      }
    }
    return new Capability(AccessType.MOUNT, fsType, flags, readOnly);
  }

  private ClusterConfig cluster(String volumeId, String fromContext) {
    String clusterId =
        fromContext != null && !fromContext.isBlank()
            ? fromContext
            : CsiId.decode(volumeId)
                .map(CsiId::clusterId)
                .orElseThrow(
                    () ->
                        CsiException.invalidArgument(
                            "volume_context has no clusterID and the volume id" + " names none"));
    return clusters
        .find(clusterId)
        .orElseThrow(
            () ->
                CsiException.invalidArgument(
                    "clusterID " + clusterId + " is not in this node's cluster configuration"));
  }

  private static ImageSpec image(Map<String, String> context, ClusterConfig cluster) {
    String pool = required(context.get(POOL), "volume_context " + POOL);
    String image = required(context.get(IMAGE), "volume_context " + IMAGE);
    String namespace = context.getOrDefault(NAMESPACE, cluster.rbd().radosNamespace());
    try {
      return new ImageSpec(pool, namespace, image);
    } catch (IllegalArgumentException e) {
      throw CsiException.invalidArgument(e.getMessage());
    }
  }
}
