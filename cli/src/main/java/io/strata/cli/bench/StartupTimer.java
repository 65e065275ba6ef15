package io.strata.cli.bench;

import csi.v1.IdentityGrpc;
import csi.v1.ProbeRequest;
import csi.v1.ProbeResponse;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.strata.csi.client.CsiChannels;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.ProcessMemory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Starts a plugin and times it to its first ready Probe, as the livenessprobe sidecar and the
 * external-provisioner see it. Every Probe dials a fresh channel, so gRPC's reconnect backoff never
 * adds to the measurement; a socket counts as there once it is a new file (not one a previous
 * process left behind).
 */
final class StartupTimer {
  private static final Duration POLL = Duration.ofMillis(10);
  private static final Duration PROBE_DEADLINE = Duration.ofSeconds(2);
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  /**
   * @param socketMs when the unix socket appeared (-1 for tcp endpoints)
   * @param readyMs when Probe first answered ready
   * @param rssBytesAtReady the plugin's resident memory then
   */
  record Sample(long socketMs, long readyMs, long rssBytesAtReady) {}

  private final List<String> command;
  private final Endpoint endpoint;
  private final Duration timeout;
  private final Path log;

  StartupTimer(List<String> command, Endpoint endpoint, Duration timeout, Path log) {
    this.command = List.copyOf(command);
    this.endpoint = endpoint;
    this.timeout = timeout;
    this.log = log;
  }

  /** Spawns the command, waits for ready, stops it (SIGTERM, then SIGKILL after 10 s). */
  Sample measure() throws IOException, InterruptedException {
    Optional<Path> socket =
        endpoint instanceof Endpoint.Unix unix ? Optional.of(unix.path()) : Optional.empty();
    Object staleSocket = socket.map(StartupTimer::fileIdentity).orElse(null);
    long started = System.nanoTime();
    Process plugin =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    try {
      long socketMs = -1;
      long deadline = started + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (!plugin.isAlive()) {
          throw new IOException("the plugin exited with " + plugin.exitValue() + "; see " + log);
        }
        Object current = socket.map(StartupTimer::fileIdentity).orElse(null);
        if (socketMs < 0 && current != null && !current.equals(staleSocket)) {
          socketMs = millisSince(started);
        }
        if ((socket.isEmpty() || current != null) && probeReady()) {
          long readyMs = millisSince(started);
          return new Sample(
              socketMs < 0 && socket.isPresent() ? readyMs : socketMs,
              readyMs,
              ProcessMemory.residentBytes(plugin.pid()).orElse(-1));
        }
        Thread.sleep(POLL.toMillis());
      }
      throw new IOException("not ready within " + timeout.toSeconds() + " s; see " + log);
    } finally {
      stop(plugin);
    }
  }

  /** Device, inode and change time: a new socket differs even when its inode is reused. */
  private static Object fileIdentity(Path path) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
      return List.of(attributes.fileKey(), attributes.lastModifiedTime());
    } catch (IOException e) {
      return null;
    }
  }

  private boolean probeReady() {
    ManagedChannel channel = CsiChannels.open(endpoint);
    try {
      ProbeResponse response =
          IdentityGrpc.newBlockingStub(channel)
              .withDeadlineAfter(PROBE_DEADLINE.toMillis(), TimeUnit.MILLISECONDS)
              .probe(ProbeRequest.getDefaultInstance());
      // CSI: an absent ready field means ready
      return !response.hasReady() || response.getReady().getValue();
    } catch (StatusRuntimeException e) {
      return false;
    } finally {
      channel.shutdownNow();
    }
  }

  private static void stop(Process plugin) throws InterruptedException {
    plugin.destroy();
    if (!plugin.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
      plugin.destroyForcibly().waitFor();
    }
  }

  private static long millisSince(long started) {
    return (System.nanoTime() - started) / 1_000_000;
  }
}
