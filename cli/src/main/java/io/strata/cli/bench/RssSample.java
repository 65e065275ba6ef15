package io.strata.cli.bench;

import io.strata.csi.server.ProcessMemory;
import java.util.List;

/** A process's resident memory at one moment; {@code bytes} is -1 when it could not be read. */
record RssSample(long pid, long bytes) {
  static List<RssSample> of(List<Long> pids) {
    return pids.stream()
        .map(pid -> new RssSample(pid, ProcessMemory.residentBytes(pid).orElse(-1)))
        .toList();
  }

  double mebibytes() {
    return bytes / (1024.0 * 1024.0);
  }
}
