package io.strata.operator.k8s.managed;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.CephRelease;
import org.junit.jupiter.api.Test;

class CephImageTest {
  @Test
  void readsTheReleaseFromUpstreamAndOwnTags() {
    assertEquals(new CephRelease(20, 2, 4), CephImage.of("quay.io/ceph/ceph:v20.2.4").release());
    assertEquals(new CephRelease(18, 2, 7), CephImage.of("strata-ceph:18.2.7").release());
    assertEquals(
        new CephRelease(19, 2, 6),
        CephImage.of("registry:5000/ceph/ceph:v19.2.6-20260901@sha256:0123abcd").release());
  }

  @Test
  void anImageWithoutAVersionTagIsAFieldToFix() {
    for (String name : new String[] {"quay.io/ceph/ceph:latest", "registry:5000/ceph"}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> CephImage.of(name));
      assertTrue(e.getMessage().contains("spec.cephVersion.image " + name), e.getMessage());
    }
  }
}
