package io.strata.test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A pids cgroup (v1) standing in for a container: processes moved into it take their later children
 * with them, and {@link #killAll} ends every one of them, as the container runtime does when the
 * kubelet stops a container. Process sessions and parentage do not matter to it, which is why a
 * daemon started with setsid by a plugin still dies with the plugin's container.
 */
final class ContainerCgroup {
  private static final Path PIDS = Path.of("/sys/fs/cgroup/pids");

  private final Path directory;

  private ContainerCgroup(Path directory) {
    this.directory = directory;
  }

  /** Whether this machine lets the test make cgroups (root, cgroup v1 pids hierarchy). */
  static boolean available() {
    return Files.isWritable(PIDS);
  }

  static ContainerCgroup create(String name) throws IOException {
    return new ContainerCgroup(Files.createDirectories(PIDS.resolve("strata-it").resolve(name)));
  }

  /** Moves a process (all its threads) into this cgroup. */
  void adopt(long pid) throws IOException {
    Files.writeString(directory.resolve("cgroup.procs"), Long.toString(pid));
  }

  List<Long> pids() throws IOException {
    return Files.readAllLines(directory.resolve("cgroup.procs")).stream()
        .filter(line -> !line.isBlank())
        .map(line -> Long.parseLong(line.strip()))
        .toList();
  }

  /** SIGKILL to every process in the cgroup, until none is left (a dying one may still fork). */
  void killAll(Duration limit) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    List<Long> left = pids();
    while (!left.isEmpty()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("processes " + left + " outlived SIGKILL of " + directory);
      }
      left.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
      Thread.sleep(20); // polling the kernel's list until the processes are reaped
      left = pids();
    }
  }

  /** Removes the cgroup; it must be empty. */
  void remove() throws IOException {
    Files.deleteIfExists(directory);
  }
}
