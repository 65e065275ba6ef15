package io.strata.csi.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * A process's resident memory (VmRSS) as Linux reports it in {@code /proc/<pid>/status}: what the
 * kernel and a container's memory limit count, unlike the JVM's own heap figures.
 */
public final class ProcessMemory {
  private ProcessMemory() {}

  /** VmRSS in bytes, or empty when the process is gone or the line is missing. */
  public static OptionalLong residentBytes(long pid) {
    try {
      return parseVmRss(Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")));
    } catch (IOException e) {
      return OptionalLong.empty();
    }
  }

  public static OptionalLong ownResidentBytes() {
    return residentBytes(ProcessHandle.current().pid());
  }

  /** Reads the line {@code VmRSS: 123456 kB}. */
  static OptionalLong parseVmRss(List<String> statusLines) {
    for (String line : statusLines) {
      if (line.startsWith("VmRSS:")) {
        String[] fields = line.substring("VmRSS:".length()).trim().split("\\s+");
        try {
          return OptionalLong.of(Long.parseLong(fields[0]) * 1024);
        } catch (NumberFormatException e) {
          return OptionalLong.empty();
        }
      }
    }
    return OptionalLong.empty();
  }
}
