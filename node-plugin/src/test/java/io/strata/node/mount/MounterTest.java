package io.strata.node.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.strata.node.exec.FakeRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class MounterTest {
  private final FakeRunner runner = new FakeRunner();
  private final Mounter mounter = new Mounter(runner);

  @Test
  void mountsWithTypeAndOptions() {
    mounter.mount("/dev/loop0", Path.of("/s"), "xfs", List.of("nouuid", " ", "ro"));
    mounter.mount("/dev/loop1", Path.of("/t"), "", List.of());
    assertEquals(
        List.of(
            List.of("mount", "-t", "xfs", "-o", "nouuid,ro", "/dev/loop0", "/s"),
            List.of("mount", "/dev/loop1", "/t")),
        runner.argvs());
  }

  @Test
  void aReadOnlyBindIsABindThenARemount() {
    mounter.bind(Path.of("/s"), Path.of("/t"), true, List.of());
    mounter.bind(Path.of("/s"), Path.of("/u"), false, List.of());
    assertEquals(
        List.of(
            List.of("mount", "--bind", "/s", "/t"),
            List.of("mount", "-o", "remount,bind,ro", "/t"),
            List.of("mount", "--bind", "/s", "/u")),
        runner.argvs());
  }

  @Test
  void unmountsPlainlyOrLazily() {
    mounter.unmount(Path.of("/t"));
    mounter.lazyUnmount(Path.of("/f"));
    assertEquals(List.of(List.of("umount", "/t"), List.of("umount", "-l", "/f")), runner.argvs());
  }
}
