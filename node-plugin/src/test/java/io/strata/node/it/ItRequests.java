package io.strata.node.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.VolumeCapability;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.function.Executable;

/** Node requests as kubelet sends them, and the volumes a test must clean up whatever happens. */
final class ItRequests {
  private final List<String[]> staged = new ArrayList<>(); // volume id, staging, targets...

  /** Remembers a volume to unpublish from every target and unstage in {@link #cleanUp}. */
  void track(String volumeId, Path staging, Path... targets) {
    String[] entry = new String[targets.length + 2];
    entry[0] = volumeId;
    entry[1] = staging.toString();
    for (int i = 0; i < targets.length; i++) {
      entry[i + 2] = targets[i].toString();
    }
    staged.add(entry);
  }

  /** Best effort, after a test that may have failed half-way. */
  void cleanUp(NodeGrpc.NodeBlockingStub node) {
    for (String[] c : staged) {
      for (int i = 2; i < c.length; i++) {
        Path target = Path.of(c[i]);
        quietly(() -> node.nodeUnpublishVolume(unpublish(c[0], target)));
      }
      quietly(() -> node.nodeUnstageVolume(unstage(c[0], Path.of(c[1]))));
    }
  }

  static NodePublishVolumeRequest publish(
      String volumeId, Path staging, Path target, boolean readOnly, VolumeCapability cap) {
    return NodePublishVolumeRequest.newBuilder()
        .setVolumeId(volumeId)
        .setStagingTargetPath(staging.toString())
        .setTargetPath(target.toString())
        .setVolumeCapability(cap)
        .setReadonly(readOnly)
        .build();
  }

  static NodeUnpublishVolumeRequest unpublish(String volumeId, Path target) {
    return NodeUnpublishVolumeRequest.newBuilder()
        .setVolumeId(volumeId)
        .setTargetPath(target.toString())
        .build();
  }

  static NodeUnstageVolumeRequest unstage(String volumeId, Path staging) {
    return NodeUnstageVolumeRequest.newBuilder()
        .setVolumeId(volumeId)
        .setStagingTargetPath(staging.toString())
        .build();
  }

  static NodeGetVolumeStatsRequest stats(String volumeId, Path path) {
    return NodeGetVolumeStatsRequest.newBuilder()
        .setVolumeId(volumeId)
        .setVolumePath(path.toString())
        .build();
  }

  /** Fails unless NodeGetVolumeStats calls the volume at {@code path} healthy. */
  static void assertHealthy(NodeGrpc.NodeBlockingStub node, String volumeId, Path path) {
    var condition = node.nodeGetVolumeStats(stats(volumeId, path)).getVolumeCondition();
    assertFalse(condition.getAbnormal(), condition.getMessage());
  }

  /** SIGKILL, as the OOM killer or a crash would end a process; returns once it is gone. */
  static void sigkill(long pid) {
    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
    ProcessHandle.of(pid).ifPresent(p -> p.onExit().join());
  }

  static void expectCode(Status.Code code, Executable call) {
    StatusRuntimeException e = assertThrows(StatusRuntimeException.class, call);
    assertEquals(code, e.getStatus().getCode(), e.getStatus().toString());
  }

  private static void quietly(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException ignored) {
      // best-effort cleanup after a failed test
    }
  }
}
