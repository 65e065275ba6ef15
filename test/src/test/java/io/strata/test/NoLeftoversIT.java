package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.ceph.Filesystems;
import io.strata.ceph.Omap;
import io.strata.ceph.RbdImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs after every other suite on the shared stack and fails if any of them, or the plugins they
 * drove, left something behind: images, trash entries, journal keys and objects, mounts, loop
 * devices or fuse daemons.
 */
@Tag("integration")
@Order(Integer.MAX_VALUE)
@ExtendWith(LocalStackExtension.class)
class NoLeftoversIT {
  private final LocalStackExtension.Stack stack;

  NoLeftoversIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
  }

  @Test
  void noImagesOrTrashEntries() throws InterruptedException {
    RbdImages images = new RbdImages(stack.adminConnection(), stack.cluster().rbdPool(), "");
    assertEquals(List.of(), images.list());
    // deleted snapshot images go through the trash: the manager's task removes them
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    while (!images.trash().isEmpty() && System.nanoTime() < deadline) {
      Thread.sleep(500);
    }
    assertEquals(List.of(), images.trash());
  }

  @Test
  void noSubvolumes() {
    String listing =
        stack
            .adminConnection()
            .mgrCommand(
                Map.of(
                    "prefix", "fs subvolume ls",
                    "vol_name", stack.cluster().fsName(),
                    "group_name", stack.cluster().subvolumeGroup()))
            .output();
    assertEquals("[]", listing.replaceAll("\\s", ""));
  }

  @Test
  void noJournalKeysOrEntries() {
    assertNoJournal(stack.cluster().rbdPool(), "");
    long metadataPool =
        new Filesystems(stack.adminConnection())
            .byName(stack.cluster().fsName())
            .orElseThrow()
            .metadataPoolId();
    assertNoJournal(stack.adminConnection().poolName(metadataPool), "csi");
  }

  private void assertNoJournal(String pool, String namespace) {
    Omap omap = new Omap(stack.adminConnection(), pool, namespace);
    for (String directory : List.of("csi.volumes.strata", "csi.snaps.strata")) {
      assertEquals(Map.of(), omap.list(directory, "", "", 1000), pool + " " + directory);
    }
    List<String> entries =
        stack
            .adminConnection()
            .withPool(
                pool,
                namespace,
                io -> {
                  try {
                    return Arrays.stream(io.listObjects())
                        .filter(o -> o.startsWith("csi.volume.") || o.startsWith("csi.snap."))
                        .toList();
                  } catch (com.ceph.rados.exceptions.RadosException e) {
                    throw new IllegalStateException(e);
                  }
                });
    assertEquals(List.of(), entries);
  }

  @Test
  void noMountsLoopDevicesOrFuseDaemons() throws IOException {
    List<String> mounts =
        Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
            .filter(line -> line.contains("/junit") || line.contains("fuse.rbd"))
            .toList();
    assertEquals(List.of(), mounts);

    List<String> loops = HostLoopDevices.backedBy(stack.cluster().directory().toString());
    assertEquals(List.of(), loops);

    List<String> daemons =
        ProcessHandle.allProcesses()
            .map(p -> p.info().commandLine().orElse(""))
            .filter(command -> command.contains("rbd-fuse") || command.contains("ceph-fuse"))
            // the stack's daemons log into its state directory; a "/junit" mount point may be
            // another checkout's run on the same machine
            .filter(command -> command.contains(stack.cluster().directory().toString()))
            .toList();
    assertEquals(List.of(), daemons);
  }
}
