package io.strata.operator.local;

import java.nio.file.Path;
import java.util.List;

/**
 * A local cluster as seen from its directory: which supervised processes (Ceph daemons and anything
 * else with a PID file under run/) are alive, and Ceph's health when the monitor answered.
 *
 * @param created whether the directory holds a created cluster
 * @param health "HEALTH_OK", "HEALTH_WARN", "HEALTH_ERR", or {@link #UNREACHABLE} when the monitor
 *     is down or did not answer in time
 */
public record ClusterStatus(
    Path directory, boolean created, List<LocalProcesses.Entry> processes, String health) {
  public static final String UNREACHABLE = "UNREACHABLE";

  public ClusterStatus {
    processes = List.copyOf(processes);
  }

  public boolean isRunning(String name) {
    return processes.stream().anyMatch(p -> p.name().equals(name) && p.alive());
  }

  public boolean anyRunning() {
    return processes.stream().anyMatch(LocalProcesses.Entry::alive);
  }

  /** One line per process and one for health, for a terminal. */
  public String describe() {
    StringBuilder out = new StringBuilder(directory + (created ? "" : " (no cluster)") + "\n");
    for (LocalProcesses.Entry p : processes) {
      out.append(
          String.format(
              "  %-16s %s%n", p.name(), p.alive() ? "running, PID " + p.pid() : "stopped"));
    }
    return out.append("  health           ").append(health).append('\n').toString();
  }
}
