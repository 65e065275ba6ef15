package io.strata.node.mount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.node.exec.CommandException;
import io.strata.node.exec.FakeRunner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UnmounterTest {
  @TempDir Path dir;

  /** A mount table that loses its last line on every umount that succeeds. */
  private FakeRunner runner(Path table, int umountExit) {
    return new FakeRunner()
        .on(
            List.of("umount"),
            c -> {
              if (umountExit != 0 && !c.argv().contains("-l")) {
                return new FakeRunner.Answer(
                    umountExit, "", "umount: target is busy or not connected");
              }
              try {
                List<String> lines = Files.readAllLines(table);
                Files.write(table, lines.subList(0, lines.size() - 1));
              } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
              }
              return new FakeRunner.Answer(0, "", "");
            });
  }

  @Test
  void unmountsEveryStackedMountAndNothingWhenNothingIsThere() throws Exception {
    Path table = dir.resolve("mountinfo");
    Files.writeString(
        table,
        "40 27 0:39 / /t rw - fuse.ceph-fuse ceph-fuse rw\n41 40 0:40 / /t ro - tmpfs x ro\n");
    FakeRunner runner = runner(table, 0);
    Unmounter unmounter = new Unmounter(new Mounter(runner), new MountTable(table));
    unmounter.unmountAll(Path.of("/t"));
    unmounter.unmountAll(Path.of("/t"));
    assertEquals(List.of(List.of("umount", "/t"), List.of("umount", "/t")), runner.argvs());
  }

  @Test
  void detachesADeadFuseMountLazilyButNeverABusyFilesystem() throws Exception {
    Path table = dir.resolve("mountinfo");
    Files.writeString(table, "40 27 0:39 / /t rw - fuse.ceph-fuse ceph-fuse rw\n");
    FakeRunner runner = runner(table, 32);
    new Unmounter(new Mounter(runner), new MountTable(table)).unmountAll(Path.of("/t"));
    assertEquals(List.of(List.of("umount", "/t"), List.of("umount", "-l", "/t")), runner.argvs());

    Files.writeString(table, "41 27 7:0 / /s rw - ext4 /dev/loop0 rw\n");
    Unmounter strict = new Unmounter(new Mounter(runner(table, 32)), new MountTable(table));
    assertThrows(CommandException.class, () -> strict.unmountAll(Path.of("/s")));
  }
}
