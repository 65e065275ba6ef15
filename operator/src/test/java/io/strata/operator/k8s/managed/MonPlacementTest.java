package io.strata.operator.k8s.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.strata.operator.bootstrap.MonAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class MonPlacementTest {
  private final List<NodeInfo> three =
      List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2"), node("n3", "10.0.0.3"));

  @Test
  void placedMonitorsStayEvenWhenTheirNodeIsGone() {
    List<MonSlot> placed = MonPlacement.place(List.of(), 3, false, three);

    List<MonSlot> again = MonPlacement.place(placed, 3, false, List.of(node("n4", "10.0.0.4")));

    assertEquals(placed, again);
  }

  @Test
  void moreMonitorsComeInANewBatchOnFreeNodes() {
    List<MonSlot> placed = MonPlacement.place(List.of(), 1, false, three);

    List<MonSlot> more = MonPlacement.place(placed, 3, false, three);

    assertEquals(List.of("a", "b", "c"), more.stream().map(MonSlot::id).toList());
    assertEquals(List.of(1, 2, 2), more.stream().map(MonSlot::batch).toList());
    assertEquals(placed.get(0), more.get(0));
  }

  @Test
  void stackedMonitorsSpreadFirstThenTakeTheNextPorts() {
    List<MonSlot> slots =
        MonPlacement.place(
            List.of(), 5, true, List.of(node("n1", "10.0.0.1"), node("n2", "10.0.0.2")));

    assertEquals(
        List.of(
            new MonAddress("10.0.0.1", 3300, 6789),
            new MonAddress("10.0.0.2", 3300, 6789),
            new MonAddress("10.0.0.1", 3301, 6790),
            new MonAddress("10.0.0.2", 3301, 6790),
            new MonAddress("10.0.0.1", 3302, 6791)),
        slots.stream().map(MonSlot::address).toList());
  }

  @Test
  void lettersGoOnAfterZ() {
    assertEquals("a", DaemonIds.letters(0));
    assertEquals("z", DaemonIds.letters(25));
    assertEquals("aa", DaemonIds.letters(26));
    assertEquals("ab", DaemonIds.letters(27));
  }

  @Test
  void noUsableNodeIsAnError() {
    assertThrows(
        IllegalStateException.class, () -> MonPlacement.place(List.of(), 1, true, List.of()));
    assertThrows(
        IllegalArgumentException.class, () -> MonPlacement.place(List.of(), 0, true, three));
  }

  private static NodeInfo node(String name, String ip) {
    return new NodeInfo(name, name, ip);
  }
}
