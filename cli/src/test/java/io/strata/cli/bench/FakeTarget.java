package io.strata.cli.bench;

import io.grpc.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A target in memory that fails on request, and tells what it still holds. */
final class FakeTarget implements Target {
  final Set<String> volumes = ConcurrentHashMap.newKeySet();
  final Set<String> snapshots = ConcurrentHashMap.newKeySet();
  final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

  /** The next this many deletes of volumes fail with INTERNAL. */
  final AtomicInteger failDeletes = new AtomicInteger();

  /** The next this many creates answer ABORTED (in progress) before doing anything. */
  final AtomicInteger abortCreates = new AtomicInteger();

  /** The next this many creates make the volume and then answer DEADLINE_EXCEEDED. */
  final AtomicInteger timeOutCreates = new AtomicInteger();

  @Override
  public String label() {
    return "fake";
  }

  @Override
  public Volume createVolume(String name, long sizeBytes, Optional<String> fromSnapshot) {
    calls.add("CreateVolume " + name);
    if (abortCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw Status.ABORTED.asRuntimeException();
    }
    volumes.add("id-" + name);
    if (timeOutCreates.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw Status.DEADLINE_EXCEEDED.asRuntimeException();
    }
    return new Volume(name, "id-" + name, Map.of());
  }

  @Override
  public void deleteVolume(String volumeId) {
    calls.add("DeleteVolume " + volumeId);
    if (failDeletes.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw Status.INTERNAL.asRuntimeException();
    }
    volumes.remove(volumeId);
  }

  @Override
  public String createSnapshot(Volume source, String name) {
    calls.add("CreateSnapshot " + name);
    snapshots.add("snap-" + name);
    return "snap-" + name;
  }

  @Override
  public void deleteSnapshot(String snapshotId) {
    calls.add("DeleteSnapshot " + snapshotId);
    snapshots.remove(snapshotId);
  }

  /** A node side that stages and publishes in memory; {@code failStages} make NodeStage fail. */
  final class FakeNode implements NodeSide {
    final Set<String> staged = ConcurrentHashMap.newKeySet();
    final Set<String> published = ConcurrentHashMap.newKeySet();
    final AtomicInteger failStages = new AtomicInteger();

    @Override
    public boolean attaches() {
      return false;
    }

    @Override
    public boolean stages() {
      return true;
    }

    @Override
    public void attach(Volume volume) {}

    @Override
    public void detach(Volume volume) {}

    @Override
    public void stage(Volume volume) {
      staged.add(volume.id()); // half done, then the failure
      if (failStages.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw Status.INTERNAL.asRuntimeException();
      }
    }

    @Override
    public void unstage(Volume volume) {
      calls.add("NodeUnstageVolume " + volume.id());
      staged.remove(volume.id());
    }

    @Override
    public void publish(Volume volume) {
      published.add(volume.id());
    }

    @Override
    public void unpublish(Volume volume) {
      calls.add("NodeUnpublishVolume " + volume.id());
      published.remove(volume.id());
    }
  }

  final FakeNode node = new FakeNode();

  @Override
  public Optional<NodeSide> node() {
    return Optional.of(node);
  }

  @Override
  public boolean retriable(RuntimeException failure) {
    return Status.fromThrowable(failure).getCode() == Status.Code.ABORTED;
  }

  @Override
  public boolean outcomeUnknown(RuntimeException failure) {
    return Status.fromThrowable(failure).getCode() == Status.Code.DEADLINE_EXCEEDED;
  }

  @Override
  public void close() {}
}
