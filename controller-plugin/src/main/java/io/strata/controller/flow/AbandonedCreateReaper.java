package io.strata.controller.flow;

import io.strata.csi.DaemonThreads;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sweeps a controller's journals for creates nobody asks for any more ({@link
 * VolumeFlow#reapAbandoned}), once every idle period on a daemon thread: an entry goes between one
 * and two periods after its last CreateVolume. external-provisioner retries at least every 5
 * minutes while a PVC exists, so the default, half an hour, never undoes a create still wanted.
 */
public final class AbandonedCreateReaper {
  /** The controller's default idle period, in seconds (half an hour). */
  public static final long DEFAULT_IDLE_SECONDS = 1800;

  private static final Logger LOG = LoggerFactory.getLogger(AbandonedCreateReaper.class);

  private AbandonedCreateReaper() {}

  /** Starts sweeping; a sweep that fails (the cluster away) is logged and tried next period. */
  public static void start(VolumeFlow<?> volumes, Duration idle) {
    ScheduledExecutorService sweeper =
        Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("abandoned-creates"));
    sweeper.scheduleWithFixedDelay(
        () -> sweep(volumes, idle), idle.toMillis(), idle.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("undoing creates nobody asked for in {} s", idle.toSeconds());
  }

  private static void sweep(VolumeFlow<?> volumes, Duration idle) {
    try {
      List<String> reaped = volumes.reapAbandoned(idle);
      if (!reaped.isEmpty()) {
        LOG.info("undid creates nobody asked for in {} s: {}", idle.toSeconds(), reaped);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "sweep for abandoned creates failed, next in {} s: {}", idle.toSeconds(), e.getMessage());
    }
  }
}
