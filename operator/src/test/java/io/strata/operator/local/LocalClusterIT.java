package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.ConnectionSpec;
import io.strata.ceph.RbdImages;
import io.strata.operator.bootstrap.CephConf;
import io.strata.operator.bootstrap.MonAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots a real one-node cluster in a temporary directory, reuses it, stops it; its daemons from the
 * {@link CephRoot} that {@code -Dstrata.it.cephRoot} names, else the host's.
 */
@Tag("integration")
class LocalClusterIT {
  private static final List<String> DAEMONS = List.of("mon.a", "mgr.x", "osd.0", "mds.a");

  @TempDir Path temp;

  @Test
  void upReuseStatusDown() throws Exception {
    Path dir = temp.resolve("cluster");
    LocalCluster cluster =
        new LocalCluster(
            dir, LocalCluster.LOOPBACK, CephRoot.of(System.getProperty("strata.it.cephRoot")));
    try {
      LocalClusterInfo info = cluster.up();
      System.out.printf("fresh up: %d ms%n", info.bootTime().toMillis());
      assertFalse(info.toString().contains(info.adminKey()), "toString leaks the admin key");
      assertAnswers(info);
      assertEveryAddressFormConnects(info);
      printRss(cluster);

      long mds = pidOf(cluster, "mds.a");
      ProcessHandle killed = ProcessHandle.of(mds).orElseThrow();
      killed.destroyForcibly();
      killed.onExit().get();
      LocalClusterInfo again = cluster.up();
      System.out.printf("reuse up (MDS restarted): %d ms%n", again.bootTime().toMillis());
      assertEquals(info.fsid(), again.fsid());
      assertEquals(info.monitors(), again.monitors());
      assertTrue(pidOf(cluster, "mds.a") != mds, "the MDS was not restarted");

      LocalClusterInfo third = cluster.up();
      System.out.printf("reuse up (all running): %d ms%n", third.bootTime().toMillis());

      ClusterStatus status = cluster.status();
      System.out.print(status.describe());
      DAEMONS.forEach(d -> assertTrue(status.isRunning(d), d + " not running"));
      assertTrue(status.health().startsWith("HEALTH_"), status.health());

      long stopping = System.nanoTime();
      cluster.down();
      System.out.printf("down: %d ms%n", (System.nanoTime() - stopping) / 1_000_000);
      assertEquals(List.of(), processesUnder(dir));

      long asking = System.nanoTime();
      ClusterStatus stopped = cluster.status();
      assertTrue(System.nanoTime() - asking < Duration.ofSeconds(5).toNanos(), "status hung");
      assertFalse(stopped.anyRunning());
      assertEquals(ClusterStatus.UNREACHABLE, stopped.health());

      LocalClusterInfo restarted = cluster.up();
      System.out.printf("up after down: %d ms%n", restarted.bootTime().toMillis());
      assertEquals(info.fsid(), restarted.fsid());
      assertAnswers(restarted);
      cluster.down();
      assertEquals(List.of(), processesUnder(dir));
    } finally {
      cluster.purge();
    }
    assertFalse(Files.exists(dir));
  }

  private static void assertAnswers(LocalClusterInfo info) {
    try (CephConnection ceph = CephConnection.open(info.adminConnection())) {
      assertEquals(info.fsid(), ceph.fsid());
      JsonNode pools = ceph.monCommand(Map.of("prefix", "osd pool ls")).outputAs(JsonNode.class);
      assertTrue(pools.toString().contains("\"rbd\""), pools.toString());
      JsonNode groups =
          ceph.mgrCommand(Map.of("prefix", "fs subvolumegroup ls", "vol_name", info.fsName()))
              .outputAs(JsonNode.class);
      assertTrue(groups.toString().contains("\"csi\""), groups.toString());
      JsonNode applications =
          ceph.monCommand(Map.of("prefix", "osd pool application get", "pool", info.rbdPool()))
              .outputAs(JsonNode.class);
      assertTrue(applications.has("rbd"), applications.toString());
      RbdImages images = new RbdImages(ceph, info.rbdPool(), "");
      images.create("it-image", 1 << 20, RbdImages.FEATURE_LAYERING);
      assertEquals(1 << 20, images.size("it-image"));
      images.remove("it-image");
    }
  }

  /** Every spelling of the monitor's address connects: plain v1, explicit v1, explicit v2. */
  private static void assertEveryAddressFormConnects(LocalClusterInfo info) throws IOException {
    MonAddress mon = CephConf.identity(Files.readString(info.configFile())).mon();
    assertEquals(List.of(mon.plainV2()), info.monitors());
    for (String address : List.of(mon.v1(), "v1:" + mon.v1(), mon.v2())) {
      ConnectionSpec spec = new ConnectionSpec(List.of(address), "admin", info.adminKey());
      try (CephConnection ceph = CephConnection.open(spec)) {
        assertEquals(info.fsid(), ceph.fsid(), address);
      }
    }
  }

  private static long pidOf(LocalCluster cluster, String name) {
    return cluster.processes().list().stream()
        .filter(e -> e.name().equals(name) && e.alive())
        .findFirst()
        .orElseThrow()
        .pid();
  }

  private static void printRss(LocalCluster cluster) throws IOException {
    for (LocalProcesses.Entry entry : cluster.processes().list()) {
      for (String line :
          Files.readAllLines(Path.of("/proc", Long.toString(entry.pid()), "status"))) {
        if (line.startsWith("VmRSS")) {
          System.out.printf("RSS %-6s %s%n", entry.name(), line.substring(6).strip());
        }
      }
    }
  }

  /** PIDs of every process whose command line mentions the cluster directory. */
  static List<Long> processesUnder(Path dir) throws IOException {
    List<Long> found = new ArrayList<>();
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      for (Path proc : procs.toList()) {
        String name = proc.getFileName().toString();
        if (!name.chars().allMatch(Character::isDigit)) {
          continue;
        }
        try {
          String cmdline;
          try (InputStream in = Files.newInputStream(proc.resolve("cmdline"))) {
            cmdline = new String(in.readAllBytes()).replace('\0', ' ');
          }
          if (cmdline.contains(dir.toString())) {
            found.add(Long.parseLong(name));
          }
        } catch (IOException e) {
          // exited meanwhile
        }
      }
    }
    return found;
  }
}
