package io.strata.csi.id;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CsiIdTest {
  private static final UUID UUID_1 = UUID.fromString("0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4");

  @Test
  void encodesTheDocumentedLayout() {
    CsiId id = new CsiId("b9127830-b0cc-4e34-aa47-9d1a2e9949a8", 2, UUID_1);
    assertEquals(
        "01-0024-b9127830-b0cc-4e34-aa47-9d1a2e9949a8-0000000000000002-"
            + "0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4",
        id.encode());
    assertEquals(Optional.of(id), CsiId.decode(id.encode()));
  }

  @Test
  void theLongestClusterIdStillFitsIn128Bytes() {
    String clusterId = "c".repeat(CsiId.MAX_CLUSTER_ID_LENGTH);
    CsiId id = new CsiId(clusterId, Long.MAX_VALUE, UUID_1);
    assertEquals(CsiId.MAX_LENGTH, id.encode().length());
    assertEquals(Optional.of(id), CsiId.decode(id.encode()));
    assertThrows(IllegalArgumentException.class, () -> new CsiId(clusterId + "c", 1, UUID_1));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "not-an-id",
        // version 2 is not ours
        "02-0002-c1-0000000000000002-0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4",
        // declared clusterID length disagrees
        "01-0003-c1-0000000000000002-0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4",
        // upper-case hex and short uuid
        "01-0002-c1-000000000000000A-0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4",
        "01-0002-c1-0000000000000002-0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a",
        // path traversal in the clusterID
        "01-0005-../..-0000000000000002-0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4",
        // location past Long.MAX_VALUE
        "01-0002-c1-ffffffffffffffff-0f8e1a10-2b3c-4d5e-8f90-9c3b5e61d2a4",
      })
  void rejectsAnythingItDidNotWrite(String id) {
    assertTrue(CsiId.decode(id).isEmpty(), id);
  }

  @Test
  void rejectsOversizedInputWithoutParsingIt() {
    assertTrue(CsiId.decode("0".repeat(100_000)).isEmpty());
  }
}
