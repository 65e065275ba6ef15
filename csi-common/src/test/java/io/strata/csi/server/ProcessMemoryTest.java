package io.strata.csi.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class ProcessMemoryTest {
  @Test
  void readsVmRssInBytes() {
    assertEquals(
        OptionalLong.of(123_456L * 1024),
        ProcessMemory.parseVmRss(List.of("Name:\tjava", "VmRSS:\t  123456 kB", "Threads:\t9")));
    assertEquals(OptionalLong.empty(), ProcessMemory.parseVmRss(List.of("Name:\tjava")));
  }

  @Test
  void readsThisProcessAndNotAMissingOne() {
    assertTrue(ProcessMemory.ownResidentBytes().orElse(0) > 1024 * 1024);
    assertEquals(OptionalLong.empty(), ProcessMemory.residentBytes(Long.MAX_VALUE));
  }
}
