package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DaemonTest {
  @Test
  void namesFollowCeph() {
    assertEquals("mon.a", Daemon.mon("a").name());
    assertEquals("mon.", Daemon.mon("a").entity());
    assertEquals("osd.0", Daemon.osd(0).entity());
    assertEquals("mgr.x", Daemon.mgr("x").entity());
    assertEquals("ceph-mds", Daemon.mds("a").type().binary());
  }

  @Test
  void capsFollowCephProfiles() {
    assertEquals("allow profile osd", Daemon.Type.OSD.caps().get("mon"));
    assertEquals("allow profile mgr", Daemon.Type.MGR.caps().get("mon"));
    assertEquals("allow profile mds", Daemon.Type.MDS.caps().get("mon"));
    assertEquals("allow *", Daemon.ADMIN_CAPS.get("mgr"));
  }

  @Test
  void rejectsIdsThatWouldEscapeADirectory() {
    assertThrows(IllegalArgumentException.class, () -> Daemon.mon("../a"));
    assertThrows(IllegalArgumentException.class, () -> Daemon.mon(" "));
  }
}
