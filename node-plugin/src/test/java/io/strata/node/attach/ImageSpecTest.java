package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class ImageSpecTest {
  @Test
  void specWithAndWithoutNamespace() {
    assertEquals("rbd/img", new ImageSpec("rbd", "", "img").spec());
    assertEquals("rbd/img", new ImageSpec("rbd", null, "img").spec());
    assertEquals("rbd/ns/img", new ImageSpec("rbd", "ns", "img").toString());
  }

  @Test
  void rejectsNamesTheToolsWouldMisread() {
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("", "", "img"));
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("rbd", "", ""));
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("rbd", "", "a/b"));
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("rbd", "", "a@snap"));
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("rbd", "n/s", "a"));
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("-p", "", "a"));
    assertThrows(IllegalArgumentException.class, () -> new ImageSpec("rbd", "", "a\nb"));
  }
}
