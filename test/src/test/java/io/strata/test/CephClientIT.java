package io.strata.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.strata.ceph.CephConnection;
import io.strata.ceph.CephException;
import io.strata.ceph.ConnectionSpec;
import io.strata.ceph.Errno;
import io.strata.ceph.Omap;
import io.strata.ceph.RbdImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** ceph-client against the real local cluster: commands, RBD images and omap. */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class CephClientIT {
  private final CephConnection admin;
  private final LocalStackExtension.Stack stack;

  CephClientIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
    this.admin = stack.adminConnection();
  }

  @Test
  void monCommandListsThePools() {
    JsonNode pools = admin.monCommand(Map.of("prefix", "osd pool ls")).outputAs(JsonNode.class);
    assertTrue(pools.toString().contains("\"" + stack.cluster().rbdPool() + "\""), pools::toString);
  }

  @Test
  void mgrCommandListsTheFilesystem() {
    JsonNode volumes = admin.mgrCommand(Map.of("prefix", "fs volume ls")).outputAs(JsonNode.class);
    assertEquals(stack.cluster().fsName(), volumes.get(0).get("name").asText());
  }

  @Test
  void mgrCommandErrorsCarryCephsOwnText() {
    CephException e =
        assertThrows(
            CephException.class,
            () ->
                admin.mgrCommand(
                    Map.of(
                        "prefix",
                        "fs subvolume getpath",
                        "vol_name",
                        "no-such-fs",
                        "sub_name",
                        "x")));
    assertEquals(Errno.ENOENT, e.kind());
    assertTrue(e.getMessage().contains("fs subvolume getpath"), e.getMessage());
  }

  @Test
  void createsSizesListsAndRemovesAnImage() {
    RbdImages images = new RbdImages(admin, stack.cluster().rbdPool(), "");
    String name = "it-image-" + UUID.randomUUID();
    images.create(name, 64L << 20, RbdImages.FEATURE_LAYERING);
    try {
      assertEquals(64L << 20, images.size(name));
      assertTrue(images.list().contains(name));
      CephException exists =
          assertThrows(CephException.class, () -> images.create(name, 1 << 20, 1));
      assertEquals(Errno.EEXIST, exists.kind());
    } finally {
      images.remove(name);
    }
    assertFalse(images.list().contains(name));
    assertEquals(Errno.ENOENT, assertThrows(CephException.class, () -> images.size(name)).kind());
  }

  @Test
  void omapSetsListsAndRemovesAtomically() {
    Omap omap = new Omap(admin, stack.cluster().rbdPool(), "");
    String oid = "it-omap-" + UUID.randomUUID();
    omap.createExclusive(oid, Map.of("a", "1", "b", "2", "c", ""));
    try {
      assertEquals(
          Errno.EEXIST,
          assertThrows(CephException.class, () -> omap.createExclusive(oid, Map.of())).kind());
      assertEquals(Map.of("a", "1", "c", ""), omap.get(oid, List.of("a", "c", "missing")));
      assertEquals(List.of("b", "c"), List.copyOf(omap.list(oid, "a", "", 10).keySet()));
      omap.removeKeys(oid, List.of("a"));
      assertEquals(Map.of("b", "2", "c", ""), omap.list(oid, "", "", 10));
    } finally {
      omap.remove(oid);
    }
    assertEquals(Map.of(), omap.get(oid, List.of("b")));
    omap.remove(oid);
    omap.removeKeys(oid, List.of("b"));
  }

  @Test
  void setIfAbsentClaimsAKeyOnceAndCreatesTheObject() {
    Omap omap = new Omap(admin, stack.cluster().rbdPool(), "");
    String oid = "it-omap-" + UUID.randomUUID();
    try {
      assertTrue(omap.setIfAbsent(oid, "name", "first"), "an absent object is created");
      assertFalse(omap.setIfAbsent(oid, "name", "second"));
      assertTrue(omap.setIfAbsent(oid, "other", "third"));
      assertEquals(Map.of("name", "first", "other", "third"), omap.list(oid, "", "", 10));
    } finally {
      omap.remove(oid);
    }
  }

  @Test
  void aWrongKeyIsRefusedWithinTheTimeoutAndNeverEchoed() {
    // msgr2 only, as a monitor on Ceph's standard port 3300 is reached
    ConnectionSpec wrong =
        new ConnectionSpec(
            stack.cluster().monitors().stream().map(monitor -> "v2:" + monitor).toList(),
            "admin",
            "AQBvaBVnAAAAABAAKiq+Av5ZbZsLLd3fUXqPfw==",
            Duration.ofSeconds(10));
    CephException e = assertThrows(CephException.class, () -> CephConnection.open(wrong));
    assertEquals(Errno.EACCES, e.kind(), "refused at once, not timed out: " + e.getMessage());
    assertFalse(e.getMessage().contains("AQBvaBVn"), "the key must not reach the message");
  }
}
