package io.strata.node.rbd;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.grpc.Status;
import io.strata.ceph.ClusterConfig;
import io.strata.csi.CsiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class RbdVolumeTest {
  private static final ClusterConfig CLUSTER =
      new ClusterConfig("c1", List.of("10.0.0.1:6789"), new ClusterConfig.Rbd("tenant"), null);

  private static Map<String, String> context() {
    Map<String, String> context = new HashMap<>();
    context.put("pool", "rbd");
    context.put("imageName", "csi-vol-1");
    return context;
  }

  @Test
  void readsImageMounterAndOptions() {
    Map<String, String> context = context();
    context.put("mounter", "fuse");
    context.put("mkfsOptions", "-m0");
    context.put("mapOptions", "krbd:noshare");
    RbdVolume v = RbdVolume.of(context, CLUSTER);
    assertEquals("rbd/tenant/csi-vol-1", v.image().spec()); // namespace from cluster config
    assertEquals("fuse", v.mounter());
    assertEquals("-m0", v.mkfsOptions());
    assertEquals("krbd:noshare", v.mapOptions());
  }

  @Test
  void theContextNamespaceWinsOverTheClusters() {
    Map<String, String> context = context();
    context.put("radosNamespace", "");
    assertEquals("rbd/csi-vol-1", RbdVolume.of(context, CLUSTER).image().spec());
  }

  @Test
  void rejectsWhatIsMissingOrWrong() {
    invalid(c -> c.remove("pool"));
    invalid(c -> c.remove("imageName"));
    invalid(c -> c.put("imageName", "a/b"));
    invalid(c -> c.put("mounter", "nfs"));
    invalid(c -> c.put("mapOptions", "bogus:x"));
  }

  private static void invalid(Consumer<Map<String, String>> change) {
    Map<String, String> context = context();
    change.accept(context);
    CsiException e = assertThrows(CsiException.class, () -> RbdVolume.of(context, CLUSTER));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code());
  }
}
