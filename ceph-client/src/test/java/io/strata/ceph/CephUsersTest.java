package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class CephUsersTest {
  private static final String KEY = "AQBvaBVnAAAAABAAKiq+Av5ZbZsLLd3fUXqPfw==";

  @Test
  void readsKeyAndCapsOfAKeyringAnswer() {
    CephUsers.User user =
        CephUsers.parse(
            "[{\"entity\":\"client.strata-t\",\"key\":\""
                + KEY
                + "\",\"caps\":{\"osd\":\"allow rw\",\"mon\":\"allow r\"}}]",
            "client.strata-t");
    assertEquals(KEY, user.key());
    assertEquals(Map.of("mon", "allow r", "osd", "allow rw"), user.caps());
    assertFalse(user.toString().contains(KEY), "a user's string form must leave the key out");
  }

  @Test
  void aGarbledAnswerNeverEchoesTheKey() {
    for (String answer : new String[] {"[{\"key\": \"" + KEY, "[]", "{\"key\":1}"}) {
      CephException e =
          assertThrows(CephException.class, () -> CephUsers.parse(answer, "client.x"));
      assertFalse(e.getMessage().contains("AQBvaBVn"), e.getMessage());
      assertEquals(null, e.getCause());
    }
  }

  @Test
  void csiCapsAreLeastPrivilege() {
    assertEquals(
        Map.of("mon", "profile rbd", "mgr", "allow rw", "osd", "profile rbd"),
        CsiUserCaps.rbdProvisioner());
    assertFalse(CsiUserCaps.rbdNode().containsKey("mgr"));
    assertFalse(CsiUserCaps.cephfsNode().containsKey("mgr"));
    assertTrue(CsiUserCaps.cephfsProvisioner().get("osd").contains("metadata"));
    assertEquals(
        "allow rw tag cephfs data=strata-fs", CsiUserCaps.cephfsNode("strata-fs").get("osd"));
    assertEquals("profile rbd pool=rbd", CsiUserCaps.rbdNode("rbd").get("osd"));
    assertThrows(IllegalArgumentException.class, () -> CsiUserCaps.rbdNode("a, allow *"));
  }
}
