package io.strata.csi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.ceph.CephException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailuresTest {
  @Test
  void keepsTheCodeAndMessageOfACsiException() {
    Status status = Failures.toStatus(CsiException.invalidArgument("name is required"));
    assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
    assertEquals("name is required", status.getDescription());
  }

  @ParameterizedTest
  @CsvSource({
    "2, NOT_FOUND",
    "17, ALREADY_EXISTS",
    "110, DEADLINE_EXCEEDED",
    "111, UNAVAILABLE",
    "28, RESOURCE_EXHAUSTED",
    "13, PERMISSION_DENIED",
    "16, FAILED_PRECONDITION",
    "5, INTERNAL",
  })
  void mapsCephErrnoToACodeTheCoCanActOn(int errno, Status.Code expected) {
    Status status = Failures.toStatus(new CephException("remove image rbd/x", -errno, "detail"));
    assertEquals(expected, status.getCode());
    assertTrue(status.getDescription().startsWith("remove image rbd/x failed"));
  }

  @Test
  void turnsTheUnexpectedIntoInternalWithoutAStackTraceOrAClassName() {
    Status status = Failures.toStatus(new IllegalStateException("journal is torn"));
    assertEquals(Status.Code.INTERNAL, status.getCode());
    assertEquals("internal error: journal is torn", status.getDescription());
    assertFalse(status.getDescription().contains("\tat "));
  }

  @Test
  void saysWhatAWrappedOrSilentFailureSaysAndNeverItsClass() {
    assertEquals(
        "internal error: /proc/self/mountinfo",
        Failures.toStatus(new RuntimeException(new NoSuchFileException("/proc/self/mountinfo")))
            .getDescription());
    assertEquals(
        "internal error: cannot read x",
        Failures.toStatus(new UncheckedIOException("cannot read x", new IOException("eio")))
            .getDescription());
    String silent = Failures.toStatus(new IllegalStateException()).getDescription();
    assertEquals("internal error; the plugin's log has the details", silent);
  }
}
