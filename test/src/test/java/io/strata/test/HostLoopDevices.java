package io.strata.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The host's attached loop devices, read from sysfs, as "loopN -> backing file". */
final class HostLoopDevices {
  private HostLoopDevices() {}

  /** Attached loop devices whose backing file's path contains {@code fragment}. */
  static List<String> backedBy(String fragment) throws IOException {
    List<String> loops = new ArrayList<>();
    try (Stream<Path> devices = Files.list(Path.of("/sys/block"))) {
      for (Path device :
          devices.filter(d -> d.getFileName().toString().startsWith("loop")).toList()) {
        Path backing = device.resolve("loop/backing_file");
        if (Files.exists(backing)) {
          String file = Files.readString(backing).strip();
          if (file.contains(fragment)) {
            loops.add(device.getFileName() + " -> " + file);
          }
        }
      }
    }
    return loops;
  }
}
