package io.strata.node.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.ceph.ConnectionSpec;
import io.strata.node.exec.Command;
import io.strata.node.exec.CommandResult;
import io.strata.node.exec.KeyFile;
import io.strata.node.exec.ProcessRunner;
import io.strata.operator.local.CephRoot;
import io.strata.operator.local.LocalCluster;
import io.strata.operator.local.LocalClusterInfo;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The Ceph cluster integration tests run against: the one named by system properties {@code
 * strata.it.monitors} (comma-separated), {@code strata.it.adminKey} and {@code strata.it.pool} (and
 * optionally {@code strata.it.fs}, {@code strata.it.subvolumeGroup}) when they are set, otherwise a
 * local one-node cluster started once per test JVM under {@code target/strata-it-node} and stopped
 * when the JVM exits. Images are made and removed with the rbd tool, the admin key passed in a key
 * file.
 */
public final class ItCluster {
  public static final String MONITORS = "strata.it.monitors";
  public static final String ADMIN_KEY = "strata.it.adminKey";
  public static final String POOL = "strata.it.pool";
  public static final String FS = "strata.it.fs";
  public static final String SUBVOLUME_GROUP = "strata.it.subvolumeGroup";

  private final ConnectionSpec admin;
  private final String pool;
  private final String fsName;
  private final String subvolumeGroup;
  private final Path keyDir;
  private final ProcessRunner runner = new ProcessRunner();

  private ItCluster(
      ConnectionSpec admin, String pool, String fsName, String subvolumeGroup, Path keyDir) {
    this.admin = admin;
    this.pool = pool;
    this.fsName = fsName;
    this.subvolumeGroup = subvolumeGroup;
    this.keyDir = keyDir;
  }

  /** The configured cluster, or the local one this JVM starts on first use. */
  public static ItCluster fromSystemProperties(Path keyDir) {
    String monitors = System.getProperty(MONITORS, "");
    String key = System.getProperty(ADMIN_KEY, "");
    String pool = System.getProperty(POOL, "");
    if (monitors.isBlank() || key.isBlank() || pool.isBlank()) {
      LocalClusterInfo local = LocalClusterHolder.INFO;
      return new ItCluster(
          local.adminConnection(), local.rbdPool(), local.fsName(), local.subvolumeGroup(), keyDir);
    }
    List<String> mons =
        Arrays.stream(monitors.split(",")).map(String::strip).filter(m -> !m.isEmpty()).toList();
    return new ItCluster(
        new ConnectionSpec(mons, "admin", key),
        pool,
        System.getProperty(FS, "strata-fs"),
        System.getProperty(SUBVOLUME_GROUP, "csi"),
        keyDir);
  }

  /** Starts the local cluster on first use (class initialisation is thread-safe and once). */
  private static final class LocalClusterHolder {
    static final LocalClusterInfo INFO = start();

    private static LocalClusterInfo start() {
      Optional<CephRoot> root = CephRoot.of(System.getProperty("strata.it.cephRoot"));
      Path dir = CephRoot.directoryFor(Path.of("target/strata-it-node").toAbsolutePath(), root);
      LocalCluster cluster = new LocalCluster(dir, LocalCluster.LOOPBACK, root);
      LocalClusterInfo info = cluster.up();
      Runtime.getRuntime().addShutdownHook(new Thread(cluster::down, "stop-it-cluster"));
      return info;
    }
  }

  public ConnectionSpec admin() {
    return admin;
  }

  /**
   * The admin connection for mgr commands, with a timeout longer than any they take here: a
   * subvolume rm waits for the MDS to time out the session of a killed ceph-fuse (60 s), and
   * librados answers a mgr command that outlives rados_mon_op_timeout with a positive ETIMEDOUT and
   * no output, then crashes the JVM when the late reply arrives (Ceph 16.2.15).
   */
  public ConnectionSpec mgrAdmin() {
    return new ConnectionSpec(admin.monitors(), admin.user(), admin.key(), Duration.ofMinutes(3));
  }

  public String pool() {
    return pool;
  }

  /** The CephFS filesystem and subvolume group the local cluster makes ("strata-fs", "csi"). */
  public String fsName() {
    return fsName;
  }

  public String subvolumeGroup() {
    return subvolumeGroup;
  }

  public String monitors() {
    return admin.monHost();
  }

  public static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public void createImage(String image, long mib) {
    rbd("create", pool + "/" + image, "--size", mib + "M", "--image-feature", "layering");
  }

  public void resizeImage(String image, long mib) {
    rbd("resize", pool + "/" + image, "--size", mib + "M", "--allow-shrink");
  }

  /**
   * Removes an image; when a crashed client (a killed rbd-fuse) still watches it, blocklists the
   * watcher first instead of waiting 30 s for its watch to time out.
   */
  public void removeImage(String image) {
    CommandResult removed = tool("rbd", "rm", "--no-progress", pool + "/" + image);
    if (removed.exitCode() == 16) {
      for (JsonNode watcher :
          json(tool("rbd", "status", "--format", "json", pool + "/" + image).orThrow().stdout())
              .path("watchers")) {
        String address = watcher.path("address").asText();
        tool("ceph", "osd", "blocklist", "add", address).orThrow();
      }
      removed = tool("rbd", "rm", "--no-progress", pool + "/" + image);
    }
    removed.orThrow();
  }

  private static JsonNode json(String text) {
    try {
      return new ObjectMapper().readTree(text);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("unparsable: " + text, e);
    }
  }

  public List<String> images() {
    return rbd("ls", pool).stdout().lines().filter(l -> !l.isBlank()).toList();
  }

  private CommandResult rbd(String... args) {
    return tool("rbd", args).orThrow();
  }

  private CommandResult tool(String program, String... args) {
    try (KeyFile keyFile = KeyFile.write(keyDir, admin.key())) {
      List<String> argv =
          new ArrayList<>(
              List.of(
                  program,
                  "-c",
                  "/dev/null",
                  "--id",
                  "admin",
                  "-m",
                  admin.monHost(),
                  "--keyfile",
                  keyFile.path().toString()));
      argv.addAll(List.of(args));
      return runner.run(Command.of(argv).redacting(admin.key()));
    }
  }
}
