package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.CephRelease;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterKeysTest {
  private final ClusterKeys keys =
      ClusterKeys.generate(new CephxKey(), CephBootstrap.DAEMONS, new CephRelease(16, 2, 15));

  @Test
  void monitorImportsEveryEntityWithItsCaps() {
    Keyring mon = keys.monKeyring();
    assertEquals(
        List.of("mon.", "client.admin", "mgr.x", "osd.0", "mds.a"),
        mon.entries().stream().map(Keyring.Entry::entity).toList());
    assertEquals(Map.of("mon", "allow *"), mon.entries().get(0).caps());
    assertEquals(Daemon.ADMIN_CAPS, mon.entries().get(1).caps());
    assertEquals(Daemon.Type.OSD.caps(), mon.entries().get(3).caps());
    mon.entries().forEach(e -> assertTrue(CephxKey.isValid(e.key()), e.entity()));
  }

  @Test
  void eachDaemonGetsItsOwnKeyOnly() {
    Keyring osd = keys.daemonKeyring(CephBootstrap.OSD);
    assertEquals(1, osd.entries().size());
    assertEquals(keys.monKeyring().keyOf("osd.0"), osd.keyOf("osd.0"));
    assertNotEquals(osd.keyOf("osd.0"), keys.daemonKeyring(CephBootstrap.MDS).keyOf("mds.a"));
    assertEquals(keys.adminKey(), keys.adminKeyring().keyOf("client.admin").orElseThrow());
  }

  @Test
  void tentacleDaemonsGetAes256kKeysAndTheAdminKeepsAesForOlderClients() {
    ClusterKeys tentacle =
        ClusterKeys.generate(new CephxKey(), CephBootstrap.DAEMONS, new CephRelease(20, 2, 4));
    Keyring mon = tentacle.monKeyring();
    for (String entity : List.of("mon.", "mgr.x", "osd.0", "mds.a")) {
      assertTrue(mon.keyOf(entity).orElseThrow().startsWith("Ag"), entity); // type 2, aes256k
    }
    assertTrue(tentacle.adminKey().startsWith("AQ"), "client.admin must stay aes");
    assertTrue(keys.monKeyring().keyOf("osd.0").orElseThrow().startsWith("AQ"), "pacific: aes");
  }

  @Test
  void toStringNamesEntitiesNotKeys() {
    assertFalse(keys.toString().contains(keys.adminKey()));
    assertTrue(keys.toString().contains("client.admin"));
  }
}
