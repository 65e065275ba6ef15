package io.strata.node;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class NodePathsTest {
  @ParameterizedTest
  @ValueSource(
      strings = {
        "/tmp/../etc",
        "/tmp/./t",
        "/tmp/..",
        "/./tmp",
        "//tmp",
        "/tmp//t",
        "/tmp/t/",
        "tmp/t",
        "./t",
        "../etc",
        "/tmp/t\0x"
      })
  void refusesPathsThatAreNotAbsoluteAndNormal(String path) {
    CsiException e =
        assertThrows(CsiException.class, () -> NodePaths.required(path, "target_path"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertTrue(
        e.getMessage().startsWith("target_path must be an absolute, normalised path"),
        e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"/", "/tmp", "/var/lib/kubelet/pods/u/volumes/kubernetes.io~csi/pv/mount"})
  void takesAbsoluteNormalPathsAsTheyAre(String path) {
    assertEquals(Path.of(path), NodePaths.required(path, "target_path"));
    assertEquals(path, NodePaths.required(path, "target_path").toString());
  }

  @Test
  void anOptionalPathIsCheckedOnlyWhenSet() {
    assertEquals(Optional.empty(), NodePaths.optional("", "staging_target_path"));
    assertEquals(Optional.of(Path.of("/s")), NodePaths.optional("/s", "staging_target_path"));
    assertThrows(CsiException.class, () -> NodePaths.optional("/s/../t", "staging_target_path"));
  }

  @Test
  void aServedPathThatIsRelativeIsNotFoundAndOneNotNormalIsInvalid() {
    assertEquals(
        Status.Code.NOT_FOUND,
        assertThrows(CsiException.class, () -> NodePaths.served("some/path", "volume_path"))
            .code());
    CsiException e =
        assertThrows(CsiException.class, () -> NodePaths.served("/tmp/../etc", "volume_path"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().startsWith("volume_path must be an absolute, normalised path"));
    assertEquals(Path.of("/t"), NodePaths.served("/t", "volume_path"));
  }

  @Test
  void aMissingPathIsNamedAsMissing() {
    CsiException e = assertThrows(CsiException.class, () -> NodePaths.required("", "target_path"));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertEquals("target_path is required", e.getMessage());
  }
}
