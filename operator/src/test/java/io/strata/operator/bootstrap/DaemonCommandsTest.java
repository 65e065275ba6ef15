package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.ceph.CephRelease;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DaemonCommandsTest {
  private static final CephRelease PACIFIC = new CephRelease(16, 2, 15);
  private static final String CONF = "/srv/c1/ceph.conf";
  private final DaemonCommands commands = new DaemonCommands(new ClusterLayout(Path.of("/srv/c1")));

  @Test
  void monmapHasOneMonitorWithBothAddresses() {
    assertEquals(
        List.of(
            "monmaptool",
            "--create",
            "--clobber",
            "--fsid",
            "f-s-i-d",
            "--addv",
            "a",
            "[v2:127.0.0.1:23300,v1:127.0.0.1:26789]",
            "/srv/c1/monmap"),
        commands.monmapCreate(
            "f-s-i-d", Daemon.mon("a"), new MonAddress("127.0.0.1", 23300, 26789), PACIFIC));
  }

  @Test
  void monmapOfTentacleAllowsAesClientsNextToAes256k() {
    List<String> command =
        commands.monmapCreate(
            "f-s-i-d",
            Daemon.mon("a"),
            new MonAddress("127.0.0.1", 23300, 26789),
            new CephRelease(20, 2, 4));
    assertEquals(
        List.of(
            "--auth-allowed-ciphers",
            "aes256k,aes",
            "--auth-preferred-cipher",
            "aes256k",
            "--auth-service-cipher",
            "aes256k",
            "/srv/c1/monmap"),
        command.subList(command.size() - 7, command.size()));
  }

  @Test
  void mkfsCommandsNameTheirConfigAndInputs() {
    assertEquals(
        List.of(
            "ceph-mon",
            "-c",
            CONF,
            "-d",
            "--mkfs",
            "-i",
            "a",
            "--monmap",
            "/srv/c1/monmap",
            "--keyring",
            "/srv/c1/mon.keyring"),
        commands.monMkfs(Daemon.mon("a")));
    assertEquals(
        List.of(
            "ceph-osd",
            "-c",
            CONF,
            "-d",
            "--mkfs",
            "-i",
            "0",
            "--osd-uuid",
            "u-u-i-d",
            "--monmap",
            "/srv/c1/monmap"),
        commands.osdMkfs(Daemon.osd(0), "u-u-i-d"));
  }

  @Test
  void daemonsRunInTheForeground() {
    assertEquals(List.of("ceph-mon", "-c", CONF, "-f", "-i", "a"), commands.run(Daemon.mon("a")));
    assertEquals(List.of("ceph-mgr", "-c", CONF, "-f", "-i", "x"), commands.run(Daemon.mgr("x")));
    assertEquals(List.of("ceph-osd", "-c", CONF, "-f", "-i", "0"), commands.run(Daemon.osd(0)));
    assertEquals(List.of("ceph-mds", "-c", CONF, "-f", "-i", "a"), commands.run(Daemon.mds("a")));
  }

  @Test
  void mkfsOfTheWrongTypeIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> commands.monMkfs(Daemon.osd(0)));
    assertThrows(IllegalArgumentException.class, () -> commands.osdMkfs(Daemon.mon("a"), "u"));
  }
}
