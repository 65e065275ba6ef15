package io.strata.node.cephfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.grpc.Status;
import io.strata.csi.CsiException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

class CephFsVolumeTest {
  static Map<String, String> context() {
    Map<String, String> context = new HashMap<>();
    context.put("clusterID", "c1");
    context.put("fsName", "strata-fs");
    context.put("subvolumePath", "/volumes/csi/csi-vol-1/6de99137-3092-4f73-8860-0cc172cd369c");
    return context;
  }

  @Test
  void readsFilesystemPathMounterAndOptions() {
    Map<String, String> context = context();
    context.put("mounter", "kernel");
    context.put("fuseMountOptions", "debug, allow_other");
    context.put("kernelMountOptions", "ms_mode=prefer-crc,noatime");
    CephFsVolume v = CephFsVolume.of(context);
    assertEquals("strata-fs", v.fsName());
    assertEquals("/volumes/csi/csi-vol-1/6de99137-3092-4f73-8860-0cc172cd369c", v.subvolumePath());
    assertEquals("kernel", v.mounter());
    assertEquals(List.of("debug", "allow_other"), v.optionsFor("fuse"));
    assertEquals(List.of("ms_mode=prefer-crc", "noatime"), v.optionsFor("kernel"));
  }

  @Test
  void leavesTheMounterToDetectionAndOptionsEmpty() {
    CephFsVolume v = CephFsVolume.of(context());
    assertEquals("", v.mounter());
    assertEquals(List.of(), v.optionsFor("fuse"));
    assertEquals(List.of(), v.optionsFor("kernel"));
    assertFalse(v.isSnapshot());
  }

  @Test
  void readsTheSnapshotDirectoryOfAVolumeServedFromASnapshot() {
    Map<String, String> context = context();
    context.put("snapshotPath", ".snap/csi-snap-1/6de99137-3092-4f73-8860-0cc172cd369c");
    CephFsVolume v = CephFsVolume.of(context);
    assertTrue(v.isSnapshot());
    assertEquals(".snap/csi-snap-1/6de99137-3092-4f73-8860-0cc172cd369c", v.snapshotPath());
  }

  @Test
  void rejectsWhatIsMissingOrWrong() {
    invalid(c -> c.remove("fsName"));
    invalid(c -> c.put("fsName", "-o"));
    invalid(c -> c.put("fsName", "a b"));
    invalid(c -> c.remove("subvolumePath"));
    invalid(c -> c.put("subvolumePath", "volumes/csi/x"));
    invalid(c -> c.put("subvolumePath", "/volumes/../etc"));
    invalid(c -> c.put("subvolumePath", "/volumes/csi/a,b"));
    invalid(c -> c.put("subvolumePath", "/volumes/csi/a b"));
    invalid(c -> c.put("snapshotPath", "/.snap/s/d"));
    invalid(c -> c.put("snapshotPath", ".snap/../../etc"));
    invalid(c -> c.put("snapshotPath", ".snap/s/.."));
    invalid(c -> c.put("snapshotPath", "data/s/d"));
    invalid(c -> c.put("snapshotPath", ".snap/s"));
    invalid(c -> c.put("mounter", "krbd"));
    invalid(c -> c.put("fuseMountOptions", "a,,b"));
    invalid(c -> c.put("kernelMountOptions", "noatime,secretfile=/tmp/other"));
    invalid(c -> c.put("kernelMountOptions", "name=admin"));
  }

  private static void invalid(Consumer<Map<String, String>> change) {
    Map<String, String> context = context();
    change.accept(context);
    CsiException e = assertThrows(CsiException.class, () -> CephFsVolume.of(context));
    assertEquals(Status.Code.INVALID_ARGUMENT, e.code(), e.getMessage());
  }
}
