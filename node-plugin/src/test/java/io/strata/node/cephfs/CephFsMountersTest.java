package io.strata.node.cephfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.strata.node.attach.CephArgs;
import io.strata.node.exec.Daemons;
import io.strata.node.exec.FakeRunner;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CephFsMountersTest {
  private static final String FILESYSTEMS = "nodev\tsysfs\nnodev\ttmpfs\n\text4\nnodev\tfuse\n";
  private final MountTable mounts = new MountTable();
  private final Mounter mounter = new Mounter(new FakeRunner());
  private final KernelMounter kernel = new KernelMounter(mounter, mounts, Path.of("/k"));
  private final FuseMounter fuse =
      new FuseMounter(
          new FuseDaemon(new Daemons(), mounts, new Unmounter(mounter, mounts)),
          mounts,
          CephArgs.defaults(),
          Path.of("/state/fuse"),
          Path.of("/k"));

  private CephFsMounters on(Set<Path> existing, String filesystems) {
    return new CephFsMounters(fuse, kernel, existing::contains, () -> filesystems);
  }

  @Test
  void picksTheKernelClientWhenTheKernelHasCephFs() {
    assertEquals("fuse", on(Set.of(), FILESYSTEMS).detect());
    assertEquals("kernel", on(Set.of(CephFsMounters.CEPH_MODULE), FILESYSTEMS).detect());
    assertEquals("kernel", on(Set.of(), FILESYSTEMS + "nodev\tceph\n").detect());
    assertEquals("fuse", on(Set.of(), FILESYSTEMS + "nodev\tcephx\n").detect());
  }

  @Test
  void theStorageClassChoiceWins() {
    CephFsMounters mounters = on(Set.of(), FILESYSTEMS);
    assertSame(kernel, mounters.forMounter("kernel"));
    assertSame(kernel, mounters.named("kernel"));
    assertSame(fuse, mounters.forMounter(" "));
    assertSame(fuse, mounters.forMounter("fuse"));
  }
}
