package io.strata.ceph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolSettingsTest {

  private static PoolSettings settings(
      int size, boolean safe, String domain, String deviceClass, Map<String, String> params) {
    return new PoolSettings("replicapool", size, safe, domain, deviceClass, null, params, "rbd");
  }

  @Test
  void sizeOneNeedsRequireSafeReplicaSizeOff() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> settings(1, true, null, null, null));
    assertTrue(e.getMessage().contains("requireSafeReplicaSize"), e.getMessage());
    assertEquals(1, settings(1, false, null, null, null).size());
  }

  @Test
  void minSizeFollowsCephsDefaultUnlessAParameterSetsIt() {
    assertEquals(
        List.of(1, 1, 2, 2, 3), List.of(1, 2, 3, 4, 5).stream().map(this::minSize).toList());
    assertEquals(3, settings(3, true, null, null, Map.of("min_size", "3")).minSize());
    assertThrows(
        IllegalArgumentException.class,
        () -> settings(3, true, null, null, Map.of("min_size", "4")));
    assertThrows(
        IllegalArgumentException.class,
        () -> settings(3, true, null, null, Map.of("min_size", "x")));
  }

  private int minSize(int size) {
    return settings(size, false, null, null, null).minSize();
  }

  @Test
  void refusesWhatCephWouldRefuseOrWhatContradictsAField() {
    assertThrows(IllegalArgumentException.class, () -> settings(0, true, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> settings(11, true, null, null, null));
    assertThrows(IllegalArgumentException.class, () -> settings(3, true, "ho st", null, null));
    assertThrows(
        IllegalArgumentException.class, () -> settings(3, true, null, null, Map.of("size", "2")));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoolSettings("p", 3, true, null, null, "zstd", null, null));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoolSettings("p", 3, true, null, null, null, null, "nfs"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new PoolSettings("my pool", 3, true, "host", null, null, null, null));
    Map<String, String> blank = new HashMap<>();
    blank.put("compression_algorithm", null);
    assertThrows(IllegalArgumentException.class, () -> settings(3, true, null, null, blank));
  }

  @Test
  void emptyStringsMeanNotSetAsInACrd() {
    PoolSettings s = new PoolSettings("p", 3, true, "", " ", "", null, "");
    assertNull(s.failureDomain());
    assertNull(s.deviceClass());
    assertNull(s.compressionMode());
    assertNull(s.application());
    assertEquals(Map.of(), s.parameters());
    assertFalse(s.customCrushRule());
  }

  @Test
  void ruleNamesSayWhatTheRuleDoes() {
    assertEquals("replicapool_osd", CrushRules.nameFor(settings(3, true, "osd", null, null)));
    assertEquals("replicapool_host_ssd", CrushRules.nameFor(settings(3, true, null, "ssd", null)));
    assertEquals(
        "replicapool_rack_nvme", CrushRules.nameFor(settings(3, true, "rack", "nvme", null)));
    assertTrue(CrushRules.ownedBy("replicapool", "replicapool_osd"));
    assertFalse(CrushRules.ownedBy("replicapool", "replicated_rule"));
    assertFalse(CrushRules.ownedBy("replicapool", null));
  }

  @Test
  void parametersAreSortedSoCommandsGoInTheSameOrder() {
    Map<String, String> params = new HashMap<>(Map.of("b", "1", "a", "2", "c", "3"));
    assertEquals(
        List.of("a", "b", "c"),
        List.copyOf(settings(3, true, null, null, params).parameters().keySet()));
  }
}
