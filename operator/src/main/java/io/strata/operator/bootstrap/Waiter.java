package io.strata.operator.bootstrap;

import io.strata.ceph.CephException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls and retries against one deadline, and fails at once when a daemon it watches exits, with
 * the runtime's pointer to that daemon's log, rather than waiting out the deadline.
 */
final class Waiter {
  private static final Logger LOG = LoggerFactory.getLogger(CephBootstrap.class);
  private static final Duration POLL = Duration.ofMillis(250);
  private static final Duration RETRY = Duration.ofMillis(500);

  private final CephRuntime runtime;
  private final Path root;
  private final Duration timeout;
  private final Instant start = Instant.now();
  private final Instant deadline;
  private final Set<Daemon> watched = ConcurrentHashMap.newKeySet();

  Waiter(CephRuntime runtime, Path root, Duration timeout) {
    this.runtime = runtime;
    this.root = root;
    this.timeout = timeout;
    this.deadline = start.plus(timeout);
  }

  void watch(Daemon daemon) {
    watched.add(daemon);
  }

  Duration elapsed() {
    return Duration.between(start, Instant.now());
  }

  /**
   * Probes until {@code missing} finds nothing missing in what the probe returned, and returns
   * that. A probe failing with a CephException counts as not ready yet.
   */
  <T> T until(Supplier<T> probe, Function<T, List<String>> missing) {
    List<String> reported = List.of();
    while (true) {
      checkAlive();
      List<String> now;
      try {
        T value = probe.get();
        now = missing.apply(value);
        if (now.isEmpty()) {
          return value;
        }
      } catch (CephException e) {
        now = List.of("status: " + e.getMessage());
      }
      if (!now.equals(reported)) {
        LOG.debug("waiting for {}", now);
        reported = now;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new BootstrapException(
            "cluster in "
                + root
                + " not ready after "
                + timeout.toSeconds()
                + " s; still waiting for: "
                + String.join(", ", now));
      }
      pause(POLL);
    }
  }

  /** Repeats a Ceph call that may fail while daemons start (mgr modules load late, say). */
  <T> T retry(String step, Supplier<T> call) {
    while (true) {
      try {
        return call.get();
      } catch (CephException e) {
        checkAlive();
        if (Instant.now().isAfter(deadline)) {
          throw new BootstrapException(step + " failed in " + root, e);
        }
        LOG.debug("{} not done yet: {}", step, e.getMessage());
        pause(RETRY);
      }
    }
  }

  void retry(String step, Runnable call) {
    retry(
        step,
        () -> {
          call.run();
          return null;
        });
  }

  void checkAlive() {
    for (Daemon daemon : watched) {
      if (!runtime.isRunning(daemon)) {
        throw new BootstrapException(daemon + " exited: " + runtime.diagnose(daemon));
      }
    }
  }

  void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BootstrapException("interrupted while waiting for the cluster in " + root);
    }
  }
}
