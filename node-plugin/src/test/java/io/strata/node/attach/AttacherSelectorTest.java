package io.strata.node.attach;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.strata.csi.CsiException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttacherSelectorTest {
  private static Attacher stub(AttachMethod method) {
    return new Attacher() {
      @Override
      public AttachMethod method() {
        return method;
      }

      @Override
      public Attachment attach(AttachRequest request) {
        throw new UnsupportedOperationException();
      }

      @Override
      public void detach(Attachment attachment) {}

      @Override
      public Optional<String> problem(Attachment attachment) {
        return Optional.empty();
      }
    };
  }

  private static AttacherSelector on(Set<Path> present) {
    return new AttacherSelector(
        List.of(stub(AttachMethod.KRBD), stub(AttachMethod.RBD_NBD), stub(AttachMethod.FUSE)),
        present::contains);
  }

  @Test
  void detectsTheBestMethodThisNodeHas() {
    assertEquals(
        AttachMethod.KRBD, on(Set.of(Path.of("/sys/bus/rbd"), Path.of("/dev/nbd0"))).detect());
    assertEquals(AttachMethod.RBD_NBD, on(Set.of(Path.of("/dev/nbd0"))).detect());
    assertEquals(AttachMethod.FUSE, on(Set.of()).detect());
    assertEquals(AttachMethod.FUSE, on(Set.of()).forMounter(" ").method());
  }

  @Test
  void theStorageClassParameterOverridesDetection() {
    AttacherSelector selector = on(Set.of(Path.of("/sys/bus/rbd")));
    assertEquals(AttachMethod.FUSE, selector.forMounter("fuse").method());
    assertEquals(AttachMethod.RBD_NBD, selector.forMounter("rbd-nbd").method());
    assertEquals(AttachMethod.KRBD, selector.forMounter("krbd").method());
    CsiException e = assertThrows(CsiException.class, () -> selector.forMounter("nbd2"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
  }

  @Test
  void aMissingAttacherIsAFailedPrecondition() {
    AttacherSelector only = new AttacherSelector(List.of(stub(AttachMethod.FUSE)), p -> true);
    assertEquals(
        Status.Code.FAILED_PRECONDITION,
        assertThrows(CsiException.class, () -> only.forMounter("")).code());
  }
}
