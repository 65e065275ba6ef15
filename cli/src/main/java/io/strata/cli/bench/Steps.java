package io.strata.cli.bench;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The calls a scenario makes, each timed under its CSI RPC name and entered in the ledger so that
 * cleanup can undo it. A call the target calls retriable (ABORTED) is repeated with backoff, as a
 * CO does, and the time until it succeeds is what counts.
 */
final class Steps {
  private static final Duration FIRST_PAUSE = Duration.ofMillis(50);
  private static final Duration MAX_PAUSE = Duration.ofSeconds(1);

  /** A failure already counted in the timings; the iteration stops, the run goes on. */
  static final class StepFailed extends RuntimeException {
    StepFailed(String rpc, RuntimeException cause) {
      super(rpc + " failed: " + cause.getMessage(), cause);
    }
  }

  /** The run is being torn down: the iteration stops before its next call. */
  static final class Interrupted extends RuntimeException {
    Interrupted(String rpc) {
      super("interrupted before " + rpc);
    }
  }

  private final Target target;
  private final Timings timings;
  private final Ledger ledger;
  private final long sizeBytes;
  private final Duration retryFor;

  Steps(Target target, Timings timings, Ledger ledger, long sizeBytes, Duration retryFor) {
    this.target = target;
    this.timings = timings;
    this.ledger = ledger;
    this.sizeBytes = sizeBytes;
    this.retryFor = retryFor;
  }

  Volume createVolume(String name) {
    return create(name, Optional.empty());
  }

  Volume createVolumeFromSnapshot(String name, String snapshotId) {
    return create(name, Optional.of(snapshotId));
  }

  void deleteVolume(Volume volume) {
    act("DeleteVolume", () -> target.deleteVolume(volume.id()));
    ledger.done(volumeKey(volume.id()));
  }

  String createSnapshot(Volume source, String name) {
    String id = timed("CreateSnapshot", () -> target.createSnapshot(source, name));
    ledger.add("snapshot " + id, () -> target.deleteSnapshot(id));
    return id;
  }

  void deleteSnapshot(String snapshotId) {
    act("DeleteSnapshot", () -> target.deleteSnapshot(snapshotId));
    ledger.done("snapshot " + snapshotId);
  }

  /**
   * Attach (when the controller does), stage (when the node does), publish. Each undo is entered
   * before its call: a call that fails may have done part of its work, and the reverse calls are
   * idempotent, so cleanup runs them either way.
   */
  void makeUsable(Volume volume) {
    NodeSide node = node();
    if (node.attaches()) {
      ledger.add("attached " + volume.id(), () -> node.detach(volume));
      act("ControllerPublishVolume", () -> node.attach(volume));
    }
    if (node.stages()) {
      ledger.add("staged " + volume.id(), () -> node.unstage(volume));
      act("NodeStageVolume", () -> node.stage(volume));
    }
    ledger.add("published " + volume.id(), () -> node.unpublish(volume));
    act("NodePublishVolume", () -> node.publish(volume));
  }

  /** The reverse of {@link #makeUsable}. */
  void release(Volume volume) {
    NodeSide node = node();
    act("NodeUnpublishVolume", () -> node.unpublish(volume));
    ledger.done("published " + volume.id());
    if (node.stages()) {
      act("NodeUnstageVolume", () -> node.unstage(volume));
      ledger.done("staged " + volume.id());
    }
    if (node.attaches()) {
      act("ControllerUnpublishVolume", () -> node.detach(volume));
      ledger.done("attached " + volume.id());
    }
  }

  private Volume create(String name, Optional<String> fromSnapshot) {
    Volume volume;
    try {
      volume = timed("CreateVolume", () -> target.createVolume(name, sizeBytes, fromSnapshot));
    } catch (StepFailed failed) {
      if (failed.getCause() instanceof RuntimeException cause && target.outcomeUnknown(cause)) {
        // the volume may exist: the same request again answers with its id, then it goes
        ledger.add(
            "volume named " + name,
            () -> target.deleteVolume(target.createVolume(name, sizeBytes, fromSnapshot).id()));
      }
      throw failed;
    }
    ledger.add(volumeKey(volume.id()), () -> target.deleteVolume(volume.id()));
    return volume;
  }

  private NodeSide node() {
    return target
        .node()
        .orElseThrow(() -> new IllegalStateException(target.label() + " has no node side"));
  }

  private static String volumeKey(String id) {
    return "volume " + id;
  }

  private <T> T timed(String rpc, Supplier<T> call) {
    if (ledger.isClosed()) {
      throw new Interrupted(rpc);
    }
    RpcStats stats = timings.of(rpc);
    long started = System.nanoTime();
    long deadline = started + retryFor.toNanos();
    Duration pause = FIRST_PAUSE;
    while (true) {
      try {
        T result = call.get();
        stats.succeeded(System.nanoTime() - started);
        return result;
      } catch (RuntimeException e) {
        if (target.retriable(e) && System.nanoTime() + pause.toNanos() < deadline) {
          stats.retried();
          sleep(pause);
          pause =
              pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
          continue;
        }
        stats.failed(FailureCode.of(e));
        throw new StepFailed(rpc, e);
      }
    }
  }

  private void act(String rpc, Runnable action) {
    timed(
        rpc,
        () -> {
          action.run();
          return null;
        });
  }

  private static void sleep(Duration pause) {
    try {
      Thread.sleep(pause.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
