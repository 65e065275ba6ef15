package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class MapOptionsTest {
  private static final String BOTH =
      "krbd:lock_on_read,queue_depth=1024;nbd:try-netlink," + "io-timeout=30";

  @Test
  void splitsByMethodPrefix() {
    assertEquals(
        List.of("lock_on_read", "queue_depth=1024"), MapOptions.forMethod(BOTH, AttachMethod.KRBD));
    assertEquals(
        List.of("try-netlink", "io-timeout=30"), MapOptions.forMethod(BOTH, AttachMethod.RBD_NBD));
    assertEquals(List.of(), MapOptions.forMethod(BOTH, AttachMethod.FUSE));
  }

  @Test
  void unprefixedOptionsAreKrbdOptionsAsInCephCsi() {
    assertEquals(
        List.of("alloc_size=65536", "noshare"),
        MapOptions.forMethod(" alloc_size=65536, noshare ,", AttachMethod.KRBD));
    assertEquals(List.of(), MapOptions.forMethod("noshare", AttachMethod.RBD_NBD));
    assertEquals(List.of(), MapOptions.forMethod("", AttachMethod.KRBD));
    assertEquals(List.of(), MapOptions.forMethod(null, AttachMethod.KRBD));
    assertEquals(List.of("x"), MapOptions.forMethod("rbd-nbd:x", AttachMethod.RBD_NBD));
  }

  @Test
  void validateRejectsUnknownPrefixesAndWhitespace() {
    MapOptions.validate(BOTH);
    assertThrows(IllegalArgumentException.class, () -> MapOptions.validate("kbrd:x"));
    assertThrows(IllegalArgumentException.class, () -> MapOptions.validate("krbd:a b"));
  }
}
