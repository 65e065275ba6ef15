package io.strata.node.fuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import io.strata.csi.server.Endpoint;
import io.strata.csi.server.PluginServer;
import io.strata.node.exec.Command;
import io.strata.node.exec.DaemonLauncher;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The FUSE holder and the plugin's launcher for it, over a real unix socket. */
class FuseHolderTest {
  @TempDir Path dir;
  private final List<Command> launched = new ArrayList<>();
  private PluginServer server;
  private FuseHolderLauncher launcher;

  @BeforeEach
  void serve() throws Exception {
    DaemonLauncher recording =
        (command, logFile) -> {
          launched.add(command);
          return 4242;
        };
    Endpoint endpoint = new Endpoint.Unix(dir.resolve("holder.sock"));
    server =
        new PluginServer(
                endpoint,
                List.of(new FuseHolderService(recording, List.of(dir.resolve("state")))),
                List.of(),
                2)
            .start();
    launcher = new FuseHolderLauncher(endpoint);
  }

  @AfterEach
  void stop() {
    server.stop();
  }

  @Test
  void startsAFuseClientAndAnswersItsPid() {
    Command rbdFuse = Command.of("rbd-fuse", "-f", "-p", "rbd", "/var/lib/x/mnt");
    long pid = launcher.launch(rbdFuse, dir.resolve("state/fuse/v1.log"));
    assertEquals(4242, pid);
    assertEquals(List.of(rbdFuse.argv()), launched.stream().map(Command::argv).toList());
  }

  @Test
  void refusesOtherProgramsAndLogsOutsideItsDirectories() {
    assertRefused(Command.of("sh", "-c", "id"), dir.resolve("state/a.log"), "starts only");
    assertRefused(
        Command.of("ceph-fuse", "/mnt"), dir.resolve("elsewhere/a.log"), "outside the holder's");
    assertRefused(
        Command.of("ceph-fuse", "/mnt"),
        Path.of(dir + "/state/../elsewhere/a.log"),
        "outside the holder's");
    assertEquals(List.of(), launched);
  }

  @Test
  void aHolderThatDoesNotRunIsUnavailableAndNamesItsPod() {
    server.stop();
    CsiException e =
        assertThrows(
            CsiException.class,
            () -> launcher.launch(Command.of("ceph-fuse", "/mnt"), dir.resolve("state/a.log")));
    assertEquals(Status.Code.UNAVAILABLE, e.code());
    assertTrue(e.getMessage().contains("strata-fuse-holder"), e.getMessage());
  }

  private void assertRefused(Command command, Path log, String reason) {
    CsiException e = assertThrows(CsiException.class, () -> launcher.launch(command, log));
    assertEquals(Status.Code.INTERNAL, e.code());
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }
}
