package io.strata.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.node.NodeConfig;
import io.strata.node.attach.LoopDevices;
import io.strata.node.exec.ProcessRunner;
import io.strata.node.mount.MountEntry;
import io.strata.node.mount.MountTable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** What a test may leave behind under its directory: nothing. */
public final class Leftovers {
  private Leftovers() {}

  public static List<String> mountsUnder(Path dir) {
    return new MountTable()
        .entries().stream()
            .map(MountEntry::mountPoint)
            .filter(p -> p.startsWith(dir))
            .map(Path::toString)
            .toList();
  }

  public static List<String> loopDevicesUnder(Path dir) {
    return new LoopDevices(new ProcessRunner())
        .list().stream()
            .filter(d -> d.backingFile().startsWith(dir.toString()))
            .map(LoopDevices.LoopDevice::name)
            .toList();
  }

  /** Processes whose command line mentions {@code dir} (rbd-fuse daemons name their mount). */
  public static List<String> processesMentioning(Path dir) {
    try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
      return procs
          .filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit))
          .filter(p -> cmdline(p).contains(dir.toString()))
          .map(p -> p.getFileName() + ": " + cmdline(p))
          .toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String cmdline(Path proc) {
    try {
      return new String(Files.readAllBytes(proc.resolve("cmdline")), StandardCharsets.UTF_8)
          .replace('\0', ' ');
    } catch (IOException e) {
      return "";
    }
  }

  public static void assertNone(Path dir) {
    assertEquals(List.of(), mountsUnder(dir), "mounts left under " + dir);
    assertEquals(List.of(), loopDevicesUnder(dir), "loop devices left under " + dir);
    assertEquals(List.of(), processesMentioning(dir), "processes left for " + dir);
  }

  /** Nothing of a node plugin's volumes left: the above, no kept keys, no daemon logs. */
  public static void assertNone(Path dir, NodeConfig plugin) {
    assertNone(dir);
    assertEquals(List.of(), plugin.keyStash().files(), "keys kept for no volume");
    assertEquals(List.of(), filesIn(plugin.fuseRoot()), "FUSE mount points or logs left");
  }

  public static List<String> filesIn(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Path::toString).toList();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
