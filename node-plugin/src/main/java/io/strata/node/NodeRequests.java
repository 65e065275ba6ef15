package io.strata.node;

import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.ceph.ConnectionSpec;
import io.strata.csi.CsiException;
import io.strata.csi.id.CsiId;
import io.strata.node.state.AccessType;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * Checks node requests and turns them into {@link StageParams}, {@link PublishParams} and {@link
 * VolumeAt}: ids, paths (by {@link NodePaths}), secrets, the cluster and the volume capability
 * against the backend's {@link AccessRules}. The backend's own volume_context keys are checked by
 * the backend (RbdVolume, CephFsVolume), before it changes anything.
 */
public final class NodeRequests {
  static final String CLUSTER = "clusterID";
  static final String USER_ID = "userID";
  static final String USER_KEY = "userKey";
  private static final Set<Mode> READ_ONLY =
      Set.of(Mode.SINGLE_NODE_READER_ONLY, Mode.MULTI_NODE_READER_ONLY);
  private static final Set<Mode> MULTI_NODE_WRITERS =
      Set.of(Mode.MULTI_NODE_SINGLE_WRITER, Mode.MULTI_NODE_MULTI_WRITER);

  private final ClusterConfigs clusters;
  private final AccessRules rules;

  public NodeRequests(ClusterConfigs clusters, AccessRules rules) {
    this.clusters = clusters;
    this.rules = rules;
  }

  public StageParams stage(NodeStageVolumeRequest r) {
    String volumeId = required(r.getVolumeId(), "volume_id");
    Path staging = NodePaths.required(r.getStagingTargetPath(), "staging_target_path");
    Capability cap = capability(r.hasVolumeCapability(), r.getVolumeCapability());
    ClusterConfig cluster = cluster(volumeId, r.getVolumeContextMap().get(CLUSTER));
    String user = required(r.getSecretsMap().get(USER_ID), "secret " + USER_ID);
    String key = required(r.getSecretsMap().get(USER_KEY), "secret " + USER_KEY);
    return new StageParams(
        volumeId,
        staging,
        cluster,
        new ConnectionSpec(cluster.monitors(), user, key),
        r.getVolumeContextMap(),
        cap.type(),
        cap.fsType(),
        cap.flags(),
        cap.readOnly());
  }

  public PublishParams publish(NodePublishVolumeRequest r) {
    String volumeId = required(r.getVolumeId(), "volume_id");
    Path staging = NodePaths.required(r.getStagingTargetPath(), "staging_target_path");
    Path target = NodePaths.required(r.getTargetPath(), "target_path");
    Capability cap = capability(r.hasVolumeCapability(), r.getVolumeCapability());
    return new PublishParams(
        volumeId, staging, target, cap.type(), cap.flags(), r.getReadonly() || cap.readOnly());
  }

  /** A volume and the one path a request names for it. */
  public record VolumeAt(String volumeId, Path path) {}

  public VolumeAt unstage(NodeUnstageVolumeRequest r) {
    return new VolumeAt(
        required(r.getVolumeId(), "volume_id"),
        NodePaths.required(r.getStagingTargetPath(), "staging_target_path"));
  }

  public VolumeAt unpublish(NodeUnpublishVolumeRequest r) {
    return new VolumeAt(
        required(r.getVolumeId(), "volume_id"),
        NodePaths.required(r.getTargetPath(), "target_path"));
  }

  /** staging_target_path is optional here and unused, but still held to the path rule. */
  public VolumeAt stats(NodeGetVolumeStatsRequest r) {
    return served(r.getVolumeId(), r.getVolumePath(), r.getStagingTargetPath());
  }

  public VolumeAt expand(NodeExpandVolumeRequest r) {
    return served(r.getVolumeId(), r.getVolumePath(), r.getStagingTargetPath());
  }

  private static VolumeAt served(String volumeId, String volumePath, String stagingPath) {
    String id = required(volumeId, "volume_id");
    Path path = NodePaths.served(volumePath, "volume_path");
    NodePaths.optional(stagingPath, "staging_target_path");
    return new VolumeAt(id, path);
  }

  /** A required string field; empty means missing in proto3. */
  public static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw CsiException.invalidArgument(field + " is required");
    }
    return value;
  }

  /** Whether a mount option (a flag, a StorageClass option) can be passed on as one word. */
  public static boolean isPlainOption(String option) {
    return !option.isBlank()
        && option.chars().noneMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c));
  }

  private record Capability(AccessType type, String fsType, List<String> flags, boolean readOnly) {}

  private Capability capability(boolean present, VolumeCapability cap) {
    if (!present) {
      throw CsiException.invalidArgument("volume_capability is required");
    }
    Mode mode = cap.getAccessMode().getMode();
    if (mode == Mode.UNKNOWN || mode == Mode.UNRECOGNIZED) {
      throw CsiException.invalidArgument("volume_capability.access_mode is required");
    }
    boolean readOnly = READ_ONLY.contains(mode);
    if (cap.hasBlock()) {
      if (!rules.block()) {
        throw CsiException.invalidArgument(
            "block access is not possible: these volumes are filesystems");
      }
      return new Capability(AccessType.BLOCK, "", List.of(), readOnly);
    }
    if (!cap.hasMount()) {
      throw CsiException.invalidArgument("volume_capability needs access type block or mount");
    }
    if (MULTI_NODE_WRITERS.contains(mode) && !rules.sharedMounts()) {
      throw CsiException.invalidArgument(
          "access mode "
              + mode
              + " needs block access: a"
              + " filesystem cannot be written from several nodes");
    }
    List<String> flags = cap.getMount().getMountFlagsList();
    for (String flag : flags) {
      if (!isPlainOption(flag)) {
        throw CsiException.invalidArgument("mount flag '" + flag + "' is not valid");
      }
    }
    return new Capability(AccessType.MOUNT, fsType(cap.getMount().getFsType()), flags, readOnly);
  }

  private String fsType(String requested) {
    if (!rules.formats()) {
      return "";
    }
    String fsType = requested.isBlank() ? rules.defaultFsType() : requested.strip();
    if (!rules.fsTypes().contains(fsType)) {
      throw CsiException.invalidArgument("fs_type " + fsType + " is not one of " + rules.fsTypes());
    }
    return fsType;
  }

  private ClusterConfig cluster(String volumeId, String fromContext) {
    String clusterId =
        fromContext != null && !fromContext.isBlank()
            ? fromContext
            : CsiId.decode(volumeId)
                .map(CsiId::clusterId)
                .orElseThrow(() ->
                    CsiException.invalidArgument(
                        "volume_context has no clusterID and the volume id" + " names none"));
    return clusters
        .find(clusterId)
        .orElseThrow(() ->
            CsiException.invalidArgument(
                "clusterID " + clusterId + " is not in this node's cluster configuration"));
  }
}
