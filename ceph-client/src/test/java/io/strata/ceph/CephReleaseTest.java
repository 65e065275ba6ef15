package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CephReleaseTest {
  @Test
  void parsesWhatDaemonsAndTheMonitorPrint() {
    CephRelease tentacle =
        CephRelease.parse(
            "ceph version 20.2.4 (3cb8d0b1b5ea5b5ef2a3ff0b2a4e2c35b1e7b8a1) tentacle (stable)\n");
    assertEquals(new CephRelease(20, 2, 4), tentacle);
    assertEquals("tentacle", tentacle.codename());
    assertEquals(
        new CephRelease(16, 2, 15),
        CephRelease.parse("{\"version\":\"ceph version 16.2.15 (618f44) pacific (stable)\"}"));
  }

  @Test
  void refusesTextWithoutAVersion() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> CephRelease.parse("ceph-mon: not found"));
    assertTrue(e.getMessage().contains("ceph-mon: not found"), e.getMessage());
  }

  @Test
  void aes256kCameWithTheSecurityReleases() {
    assertFalse(new CephRelease(16, 2, 15).hasAes256kAuth());
    assertFalse(new CephRelease(18, 2, 7).hasAes256kAuth());
    assertFalse(new CephRelease(19, 2, 5).hasAes256kAuth());
    assertTrue(new CephRelease(19, 2, 6).hasAes256kAuth());
    assertFalse(new CephRelease(20, 2, 3).hasAes256kAuth());
    assertTrue(new CephRelease(20, 2, 4).hasAes256kAuth());
    assertTrue(new CephRelease(20, 3, 0).hasAes256kAuth());
    assertTrue(new CephRelease(21, 0, 0).hasAes256kAuth());
  }

  @Test
  void ordersByMajorMinorPatch() {
    assertTrue(new CephRelease(18, 2, 7).compareTo(new CephRelease(20, 1, 0)) < 0);
    assertTrue(new CephRelease(20, 2, 4).compareTo(new CephRelease(20, 2, 3)) > 0);
  }
}
