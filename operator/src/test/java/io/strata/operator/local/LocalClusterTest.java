package io.strata.operator.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What LocalCluster decides without starting Ceph. */
class LocalClusterTest {
  @TempDir Path dir;

  private LocalCluster cluster(Path directory) throws Exception {
    Path fake = Files.createDirectories(dir.resolve("fake-bin"));
    for (CephPackages.Requirement requirement : CephPackages.REQUIRED) {
      Path file = fake.resolve(requirement.file());
      if (!Files.exists(file)) {
        Files.createFile(file);
      }
    }
    CephPackages present = new CephPackages(List.of(fake), List.of(fake));
    return new LocalCluster(directory, present, Duration.ofSeconds(5));
  }

  @Test
  void refusesADirectoryWithSomeoneElsesFiles() throws Exception {
    Path foreign = Files.createDirectories(dir.resolve("home"));
    Files.writeString(foreign.resolve("thesis.tex"), "precious");

    assertThrows(IllegalStateException.class, () -> cluster(foreign).up());
    assertThrows(IllegalStateException.class, () -> cluster(foreign).purge());
    assertTrue(Files.exists(foreign.resolve("thesis.tex")));
  }

  @Test
  void statusOfNothingIsQuickAndEmpty() throws Exception {
    long start = System.nanoTime();
    ClusterStatus status = cluster(dir.resolve("none")).status();
    assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos());
    assertFalse(status.created());
    assertFalse(status.anyRunning());
    assertEquals(ClusterStatus.UNREACHABLE, status.health());
  }

  @Test
  void downAndPurgeOfNothingAreHarmless() throws Exception {
    cluster(dir.resolve("none")).down();
    cluster(dir.resolve("none")).purge();
    assertFalse(Files.exists(dir.resolve("none")));
  }

  @Test
  void downStopsEveryProcessUnderRun() throws Exception {
    Path root = dir.resolve("c");
    LocalCluster cluster = cluster(root);
    long plugin = cluster.processes().start("csi/controller", List.of("sleep", "60"));
    long mon = cluster.processes().start("mon.a", List.of("sleep", "60"));

    assertTrue(cluster.status().isRunning("csi/controller"));
    cluster.down();

    assertFalse(ProcessHandle.of(plugin).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(ProcessHandle.of(mon).map(ProcessHandle::isAlive).orElse(false));
    assertFalse(cluster.status().anyRunning());
  }
}
