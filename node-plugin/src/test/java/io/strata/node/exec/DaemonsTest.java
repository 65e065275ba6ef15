package io.strata.node.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DaemonsTest {
  @TempDir Path dir;
  private final Daemons daemons = new Daemons();

  @Test
  void startsADetachedDaemonFindsItAndStopsIt() throws Exception {
    Path markerFile = Files.createFile(dir.resolve("marker-" + System.nanoTime()));
    String marker = markerFile.toString();
    Path log = dir.resolve("logs/daemon.log");
    // tail -f runs until stopped and keeps the marker on its command line, like rbd-fuse its mount
    long pid = daemons.start(Command.of("tail", "-n0", "-f", marker), log);
    try {
      // until setsid has exec'd tail, the command line is setsid's (same pid, same marker)
      awaitTrue(() -> daemons.find("tail", marker).isPresent());
      assertTrue(daemons.isRunning(pid, marker));
      assertTrue(daemons.isAlive(pid));
      assertEquals(Optional.of(pid), daemons.find("tail", marker));
      assertNotEquals(session(ProcessHandle.current().pid()), session(pid));
      assertEquals(
          "rw-------",
          java.nio.file.attribute.PosixFilePermissions.toString(
              Files.getPosixFilePermissions(log)));
      assertFalse(daemons.isRunning(pid, "other-marker"));
    } finally {
      daemons.stop(pid, marker, Duration.ofSeconds(2));
    }
    assertFalse(daemons.isRunning(pid, marker));
    assertEquals(Optional.empty(), daemons.find("tail", marker));
  }

  @Test
  void stoppingSomethingAlreadyGoneIsFine() {
    daemons.stop(Integer.MAX_VALUE, "nothing", Duration.ofMillis(10));
    assertFalse(daemons.isAlive(0));
  }

  @Test
  void readsCommandLinesAndTreatsZombiesAsGone() throws Exception {
    Path proc = dir.resolve("proc");
    Files.createDirectories(proc.resolve("42"));
    Files.write(proc.resolve("42/cmdline"), "rbd-fuse\0-f\0/state/fuse/k\0".getBytes());
    Files.writeString(proc.resolve("42/stat"), "42 (rbd fuse) S 1 42 42 0");
    Files.createDirectories(proc.resolve("43"));
    Files.write(proc.resolve("43/cmdline"), "rbd-fuse\0/state/fuse/z\0".getBytes());
    Files.writeString(proc.resolve("43/stat"), "43 (rbd-fuse) Z 1 43 43 0");
    Daemons fake = new Daemons(proc);
    assertEquals(Optional.of(List.of("rbd-fuse", "-f", "/state/fuse/k")), fake.commandLine(42));
    assertEquals(Optional.of(42L), fake.find("rbd-fuse", "/state/fuse/k"));
    assertEquals(Optional.empty(), fake.find("rbd-fuse", "/state/fuse/z"));
    assertEquals(Optional.empty(), fake.find("rbd-fuse", "/state/fuse"));
  }

  private static String session(long pid) throws Exception {
    String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
    return stat.substring(stat.lastIndexOf(')') + 2).split(" ")[3];
  }

  private static void awaitTrue(java.util.function.BooleanSupplier condition) throws Exception {
    for (int i = 0; i < 200 && !condition.getAsBoolean(); i++) {
      Thread.sleep(10);
    }
    assertTrue(condition.getAsBoolean());
  }
}
