package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import csi.v1.NodeStageVolumeRequest;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCapability.AccessMode.Mode;
import io.strata.cli.LocalStack;
import io.strata.cli.LocalStack.Plugin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node plugin restarts as Kubernetes makes them, with a workload writing through an rbd-fuse and a
 * ceph-fuse volume all along: every process of the plugins' "containers" killed at once (kubectl
 * delete pod, a crash, a liveness restart), then a graceful stop and start (a DaemonSet rollout).
 * The FUSE daemons run in the FUSE holder's container, so the writers see no error. Then the
 * holder's own container ends, which does break the volumes (what docs/deploy.md says still breaks
 * them), and unpublish and unstage still clean up: no loop device or mount is left.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class NodeRestartIT {
  private static final Duration WRITE_WAIT = Duration.ofSeconds(60);
  private static final long PROGRESS = 2 * MIB;
  private static final List<Plugin> NODE_PLUGINS = List.of(Plugin.RBD_NODE, Plugin.CEPHFS_NODE);

  private final LocalStackExtension.Stack stack;
  private final Volumes rbd;
  private final Volumes cephfs;
  @TempDir Path dir;

  NodeRestartIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.rbd = new Volumes(stack, Volumes.Backend.RBD);
    this.cephfs = new Volumes(stack, Volumes.Backend.CEPHFS);
  }

  @Test
  void fuseVolumesKeepServingAcrossNodePluginRestartsAndCleanUpAfterTheHolderEnds()
      throws Exception {
    assumeTrue(ContainerCgroup.available(), "needs a writable cgroup v1 pids hierarchy (root)");
    VolumeCapability ext4 = Volumes.mount("ext4", Mode.SINGLE_NODE_WRITER);
    VolumeCapability rwx = Volumes.mount("", Mode.MULTI_NODE_MULTI_WRITER);
    Volume image =
        rbd.controller
            .createVolume(rbd.create(256 * MIB, ext4).putParameters("mounter", "fuse").build())
            .getVolume();
    Volume subvolume =
        cephfs.controller.createVolume(cephfs.create(256 * MIB, rwx).build()).getVolume();
    // each process in a cgroup of its own before it starts any daemon, as in its container
    ContainerCgroup holder = ContainerCgroup.create("fuse-holder");
    holder.adopt(stack.pid(LocalStack.FUSE_HOLDER));
    List<ContainerCgroup> containers = new ArrayList<>();
    for (Plugin plugin : NODE_PLUGINS) {
      ContainerCgroup container = ContainerCgroup.create("node-" + plugin.type());
      container.adopt(stack.pid(plugin.processName()));
      containers.add(container);
    }
    Volumes.Published rbdVolume = rbd.publish(image, ext4, dir);
    Volumes.Published cephfsVolume = cephfs.publish(subvolume, rwx, dir);
    Set<Long> daemons = fuseDaemons();
    assertEquals(2, daemons.size(), "one rbd-fuse and one ceph-fuse: " + daemons);

    ContinuousWriter toRbd = ContinuousWriter.start(rbdVolume.target().resolve("writer.dat"));
    ContinuousWriter toCephfs = ContinuousWriter.start(cephfsVolume.target().resolve("writer.dat"));
    List<ContinuousWriter> writers = List.of(toRbd, toCephfs);
    List<String> report = new ArrayList<>();
    try {
      progress(writers, "before");

      // kubectl delete pod: the runtime kills every process of the plugin containers
      long[] atKill = bytes(writers);
      for (ContainerCgroup container : containers) {
        container.killAll(Duration.ofSeconds(30));
        container.remove();
      }
      report.add("plugins killed: " + progress(writers, "while the plugins are gone"));
      stack.restartStopped();
      report.add("restarted: " + progress(writers, "after the restart") + since(atKill, writers));
      // the kubelet's retried NodeStageVolume finds both healthy and leaves them as they are
      restage(rbd, rbdVolume, ext4);
      restage(cephfs, cephfsVolume, rwx);
      assertEquals(daemons, fuseDaemons(), "the same daemons serve after the restart");

      // a DaemonSet rollout: SIGTERM, then a new plugin process
      long[] atRollout = bytes(writers);
      NODE_PLUGINS.forEach(stack::terminate);
      stack.restartStopped();
      report.add(
          "rolled out: " + progress(writers, "after the rollout") + since(atRollout, writers));
      assertEquals(daemons, fuseDaemons(), "the same daemons serve after the rollout");
      assertEquals(
          List.of(0L, 0L),
          writers.stream().map(ContinuousWriter::errors).toList(),
          "write errors; first: " + toRbd.firstError() + " / " + toCephfs.firstError());
      System.out.println("restart survival: " + String.join("; ", report) + "; 0 write errors");

      // what still breaks the volumes: the end of the holder's own container
      holder.killAll(Duration.ofSeconds(30));
      holder.remove();
      toRbd.awaitError(WRITE_WAIT);
      toCephfs.awaitError(WRITE_WAIT);
    } finally {
      for (ContinuousWriter writer : writers) {
        writer.close();
      }
    }
    stack.restartStopped();
    rbd.unpublish(rbdVolume);
    cephfs.unpublish(cephfsVolume);
    assertEquals(
        List.of(),
        HostLoopDevices.backedBy(image.getVolumeContextMap().get("imageName")),
        "loop devices left");
    assertEquals(List.of(), mountsUnder(dir), "mounts left");
    assertEquals(Set.of(), fuseDaemons(), "FUSE daemons left");
    rbd.delete(image);
    cephfs.delete(subvolume);
  }

  private static String progress(List<ContinuousWriter> writers, String when)
      throws InterruptedException {
    List<String> written = new ArrayList<>();
    for (ContinuousWriter writer : writers) {
      writer.awaitBytes(writer.bytes(), PROGRESS, WRITE_WAIT);
    }
    for (ContinuousWriter writer : writers) {
      written.add(writer.bytes() / MIB + " MiB");
    }
    return when + " " + written;
  }

  private static long[] bytes(List<ContinuousWriter> writers) {
    return writers.stream().mapToLong(ContinuousWriter::bytes).toArray();
  }

  private static String since(long[] before, List<ContinuousWriter> writers) {
    return " ("
        + Stream.of(0, 1)
            .map(i -> "+" + (writers.get(i).bytes() - before[i]) / MIB + " MiB")
            .collect(Collectors.joining(", "))
        + " across it)";
  }

  private void restage(Volumes volumes, Volumes.Published published, VolumeCapability capability) {
    volumes.node.nodeStageVolume(
        NodeStageVolumeRequest.newBuilder()
            .setVolumeId(published.volume().getVolumeId())
            .setStagingTargetPath(published.staging().toString())
            .setVolumeCapability(capability)
            .putAllVolumeContext(published.volume().getVolumeContextMap())
            .putAllSecrets(stack.adminSecrets())
            .build());
  }

  /** The pids of the stack's FUSE daemons: they log into its state directory. */
  private Set<Long> fuseDaemons() {
    String stackDir = stack.cluster().directory().toString();
    return ProcessHandle.allProcesses()
        .filter(p -> {
          String program = p.info().command().orElse("");
          return (program.endsWith("/rbd-fuse") || program.endsWith("/ceph-fuse"))
              && p.info().commandLine().orElse("").contains(stackDir);
        })
        .map(ProcessHandle::pid)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  private static List<String> mountsUnder(Path dir) throws IOException {
    return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
        .filter(line -> line.contains(dir.toString()))
        .toList();
  }
}
