package io.strata.node;

import io.strata.csi.server.Endpoint;
import io.strata.node.state.KeyStash;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What the node plugin is told at start-up.
 *
 * @param nodeId the name NodeGetInfo reports (the Kubernetes node name)
 * @param maxVolumes volumes this node may attach, 0 for no limit
 * @param topology the node's topology segments (from configured node labels)
 * @param stateDir survives plugin restarts: stage records, rbd-fuse mount points and FUSE daemon
 *     logs live here
 * @param keyDir where short-lived key files and the kept keys of ceph-fuse volumes are written; a
 *     tmpfs keeps keys off disks
 * @param fuseHolder the node's FUSE holder, which starts rbd-fuse and ceph-fuse where a plugin
 *     restart cannot reach them; empty: the plugin starts them itself, in its own container
 */
public record NodeConfig(
    String nodeId,
    long maxVolumes,
    Map<String, String> topology,
    Path stateDir,
    Path keyDir,
    Optional<Endpoint> fuseHolder) {

  public NodeConfig {
    Objects.requireNonNull(nodeId, "nodeId");
    if (nodeId.isBlank()) {
      throw new IllegalArgumentException("node id must not be empty");
    }
    if (maxVolumes < 0) {
      throw new IllegalArgumentException("maxVolumes must not be negative");
    }
    topology = Map.copyOf(topology);
    Objects.requireNonNull(stateDir, "stateDir");
    Objects.requireNonNull(keyDir, "keyDir");
    Objects.requireNonNull(fuseHolder, "fuseHolder");
  }

  /** Key files in /dev/shm when the node has it, else under the state directory. */
  public static NodeConfig of(String nodeId, Path stateDir) {
    Path shm = Path.of("/dev/shm");
    Path keys = Files.isDirectory(shm) ? shm.resolve("strata-keys") : stateDir.resolve("keys");
    return new NodeConfig(nodeId, 0, Map.of(), stateDir, keys, Optional.empty());
  }

  public NodeConfig withTopology(Map<String, String> segments) {
    return new NodeConfig(nodeId, maxVolumes, segments, stateDir, keyDir, fuseHolder);
  }

  public NodeConfig withMaxVolumes(long max) {
    return new NodeConfig(nodeId, max, topology, stateDir, keyDir, fuseHolder);
  }

  public NodeConfig withFuseHolder(Endpoint holder) {
    return new NodeConfig(nodeId, maxVolumes, topology, stateDir, keyDir, Optional.of(holder));
  }

  public Path recordsDir() {
    return stateDir.resolve("volumes");
  }

  public Path fuseRoot() {
    return stateDir.resolve("fuse");
  }

  /** The keys of ceph-fuse volumes, kept for mounting them again after a restart. */
  public KeyStash keyStash() {
    return new KeyStash(keyDir, stateDir.toAbsolutePath().toString());
  }
}
