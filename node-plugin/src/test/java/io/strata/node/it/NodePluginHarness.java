package io.strata.node.it;

import csi.v1.NodeGrpc;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.grpc.ManagedChannel;
import io.strata.ceph.ClusterConfig;
import io.strata.ceph.ClusterConfigs;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import io.strata.node.NodeConfig;
import io.strata.node.NodePlugin;
import io.strata.node.StartupFinding;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A node plugin served on a unix socket in a directory of the test's, and a client for it. It
 * starts as {@code strata node} does: {@link NodePlugin#startUp()} first, then serving. Closing it
 * stops the server only, as a crash would: volumes stay staged, and a new harness on the same state
 * directory plays the restarted plugin.
 */
final class NodePluginHarness implements AutoCloseable {
  static final String CLUSTER_ID = "it-cluster";

  /** The backend a plugin serves, as {@code strata node --type} names it. */
  enum Type {
    RBD,
    CEPHFS
  }

  private final PluginServer server;
  private final ManagedChannel channel;
  final NodeGrpc.NodeBlockingStub node;
  final NodeConfig config;
  final List<StartupFinding> findings;

  NodePluginHarness(ItCluster cluster, Path dir) throws Exception {
    this(cluster, dir, Type.RBD);
  }

  NodePluginHarness(ItCluster cluster, Path dir, Type type) throws Exception {
    config =
        NodeConfig.of("it-node", dir.resolve("state"))
            .withTopology(Map.of("topology.strata.io/zone", "it"))
            .withMaxVolumes(16);
    NodePlugin plugin = plugin(type, config, cluster.admin().monitors());
    findings = plugin.startUp();
    Endpoint endpoint = Endpoint.parse("unix://" + dir.resolve("csi.sock"));
    server = new PluginServer(endpoint, List.of(plugin.service()), List.of(), 4).start();
    channel = CsiChannels.open(endpoint);
    node = NodeGrpc.newBlockingStub(channel);
  }

  /** The plugin the launcher would build, on the test cluster, with short timeouts. */
  static NodePlugin plugin(Type type, NodeConfig config, List<String> monitors) {
    ClusterConfigs clusters =
        new ClusterConfigs(List.of(new ClusterConfig(CLUSTER_ID, monitors, null, null)));
    CephArgs cephArgs = new CephArgs(Path.of("/dev/null"), Duration.ofSeconds(20));
    return type == Type.RBD
        ? NodePlugin.rbd(config, clusters, new ProcessRunner(), cephArgs)
        : NodePlugin.cephfs(config, clusters, new ProcessRunner(), cephArgs);
  }

  static VolumeCapability mount(String fsType, Mode mode) {
    return VolumeCapability.newBuilder()
        .setMount(VolumeCapability.MountVolume.newBuilder().setFsType(fsType))
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode))
        .build();
  }

  static VolumeCapability block(Mode mode) {
    return VolumeCapability.newBuilder()
        .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
        .setAccessMode(VolumeCapability.AccessMode.newBuilder().setMode(mode))
        .build();
  }

  static NodeStageVolumeRequest.Builder stageRequest(
      ItCluster cluster, String volumeId, String image, Path staging, VolumeCapability capability) {
    return NodeStageVolumeRequest.newBuilder()
        .setVolumeId(volumeId)
        .setStagingTargetPath(staging.toString())
        .setVolumeCapability(capability)
        .putSecrets("userID", "admin")
        .putSecrets("userKey", cluster.admin().key())
        .putVolumeContext("clusterID", CLUSTER_ID)
        .putVolumeContext("pool", cluster.pool())
        .putVolumeContext("imageName", image)
        .putVolumeContext("mounter", "fuse");
  }

  /** A CephFS stage request as the controller's volume_context will carry it. */
  static NodeStageVolumeRequest.Builder cephFsStageRequest(
      ItCluster cluster, String volumeId, String subvolumePath, Path staging, Mode mode) {
    return NodeStageVolumeRequest.newBuilder()
        .setVolumeId(volumeId)
        .setStagingTargetPath(staging.toString())
        .setVolumeCapability(mount("", mode))
        .putSecrets("userID", "admin")
        .putSecrets("userKey", cluster.admin().key())
        .putVolumeContext("clusterID", CLUSTER_ID)
        .putVolumeContext("fsName", cluster.fsName())
        .putVolumeContext("subvolumePath", subvolumePath);
  }

  @Override
  public void close() {
    channel.shutdownNow();
    server.stop();
  }
}
