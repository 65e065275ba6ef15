package io.strata.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.strata.csi.CsiException;
import org.junit.jupiter.api.Test;

class VolumeLocksTest {
  @Test
  void aSecondCallForTheSameVolumeIsAborted() {
    VolumeLocks locks = new VolumeLocks();
    VolumeLocks.Lease lease = locks.acquire("v1");
    try (VolumeLocks.Lease other = locks.acquire("v2")) {
      assertEquals(
          Status.Code.ABORTED, assertThrows(CsiException.class, () -> locks.acquire("v1")).code());
    }
    lease.close();
    lease.close();
    locks.acquire("v1").close();
    locks.acquire("v2").close();
  }
}
