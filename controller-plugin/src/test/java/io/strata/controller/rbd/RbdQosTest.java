package io.strata.controller.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RbdQosTest {
  @Test
  void librbdOptionsBecomeImageConfigMetadata() {
    assertEquals(
        Map.of("conf_rbd_qos_iops_limit", "500", "conf_rbd_qos_write_bps_limit", "0"),
        RbdQos.metadata(Map.of("rbd_qos_iops_limit", "500", "rbd_qos_write_bps_limit", "0")));
  }

  @Test
  void unknownOptionsAndNonNumbersAreInvalidArguments() {
    CsiException unknown =
        assertThrows(CsiException.class, () -> RbdQos.metadata(Map.of("iops", "5")));
    assertEquals(Status.Code.INVALID_ARGUMENT, unknown.code());
    assertTrue(unknown.getMessage().contains("rbd_qos_iops_limit"), unknown.getMessage());
    for (String bad : new String[] {"-1", "1e3", "", "12345678901234567890"}) {
      CsiException e =
          assertThrows(CsiException.class, () -> RbdQos.metadata(Map.of("rbd_qos_bps_limit", bad)));
      assertEquals(Status.Code.INVALID_ARGUMENT, e.code(), bad);
    }
  }
}
