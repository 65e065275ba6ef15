package io.strata.controller.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RbdFeaturesTest {
  @Test
  void withoutTheParameterImagesGetLibrbdsDefaultFeatures() {
    assertEquals(1 | 4 | 8 | 16 | 32, RbdFeatures.of(Map.of()));
    assertEquals(RbdFeatures.DEFAULT, RbdFeatures.of(Map.of("imageFeatures", " ")));
  }

  @Test
  void namedFeaturesBecomeTheirBits() {
    assertEquals(1, RbdFeatures.of(Map.of("imageFeatures", "layering")));
    assertEquals(
        1 | 4 | 64, RbdFeatures.of(Map.of("imageFeatures", "layering, exclusive-lock,journaling")));
  }

  @Test
  void unknownFeaturesMissingDependenciesAndNoLayeringAreInvalid() {
    assertInvalid("layering,striping", "unknown or unsupported feature 'striping'");
    assertInvalid("layering,object-map", "object-map needs exclusive-lock");
    assertInvalid("layering,exclusive-lock,fast-diff", "fast-diff needs object-map");
    assertInvalid("layering,journaling", "journaling needs exclusive-lock");
    assertInvalid("exclusive-lock,object-map", "must include layering");
  }

  private static void assertInvalid(String features, String says) {
    CsiException e =
        assertThrows(CsiException.class, () -> RbdFeatures.of(Map.of("imageFeatures", features)));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
    assertTrue(e.getMessage().contains(says), e.getMessage());
  }
}
