package io.strata.operator.k8s.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.CephRelease;
import io.strata.operator.bootstrap.CephConf;
import io.strata.operator.bootstrap.Daemon;
import io.strata.operator.bootstrap.MonAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The bootstrap's layout, config and commands as the pods use them. */
class PodLayoutTest {
  private static final String CONF = "/etc/ceph/ceph.conf";

  @Test
  void configAndKeyringsComeFromTheirOwnDirectories() {
    assertEquals(Path.of(CONF), PodLayout.LAYOUT.conf());
    assertEquals(Path.of("/etc/strata/keyring/mon.keyring"), PodLayout.LAYOUT.monKeyring());
    assertEquals(
        Path.of("/etc/strata/keyring/client.admin.keyring"), PodLayout.LAYOUT.adminKeyring());
    assertEquals(
        Path.of("/etc/strata/keyring/osd.3.keyring"), PodLayout.LAYOUT.keyring(Daemon.osd(3)));
    assertEquals(
        Path.of("/var/lib/strata/mon/a/keyring"), PodLayout.LAYOUT.keyring(Daemon.mon("a")));
    assertEquals(Path.of("/var/lib/strata/monmap"), PodLayout.LAYOUT.monmap());
  }

  @Test
  void theMonmapHoldsEveryMonitorInOrder() {
    Map<Daemon, MonAddress> mons = new LinkedHashMap<>();
    mons.put(Daemon.mon("a"), new MonAddress("10.0.0.1", 3300, 6789));
    mons.put(Daemon.mon("b"), new MonAddress("10.0.0.2", 3300, 6789));

    assertEquals(
        List.of(
            "monmaptool",
            "--create",
            "--clobber",
            "--fsid",
            "f",
            "--addv",
            "a",
            "[v2:10.0.0.1:3300,v1:10.0.0.1:6789]",
            "--addv",
            "b",
            "[v2:10.0.0.2:3300,v1:10.0.0.2:6789]",
            "/var/lib/strata/monmap"),
        PodLayout.COMMANDS.monmapCreate("f", mons, new CephRelease(16, 2, 15)));
  }

  @Test
  void anOsdStoreGetsItsOwnBlockSize() {
    assertEquals(
        List.of(
            "ceph-osd",
            "-c",
            CONF,
            "-d",
            "--mkfs",
            "-i",
            "2",
            "--osd-uuid",
            "u",
            "--bluestore-block-size",
            "2147483648"),
        PodLayout.COMMANDS.osdMkfs(Daemon.osd(2), "u", 2L << 30));
  }

  @Test
  void severalHostsKeepCephsUsualRedundancy() {
    String conf =
        new CephConf(
                "f",
                List.of(new MonAddress("10.0.0.1", 3300, 6789)),
                PodLayout.LAYOUT,
                CephConf.Profile.containers(3, 10L << 30))
            .render();

    assertTrue(conf.contains("osd pool default size = 3\n"), conf);
    assertTrue(!conf.contains("osd crush chooseleaf type"), "CRUSH spreads copies over hosts");
    assertTrue(!conf.contains("mon allow pool size one"), conf);
    assertTrue(conf.contains("mon data = /var/lib/strata/mon/$id"), conf);
  }
}
