package io.strata.test;

import static io.strata.test.Volumes.MIB;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import csi.v1.CapacityRange;
import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.ControllerGetVolumeRequest;
import csi.v1.CreateSnapshotRequest;
import csi.v1.DeleteSnapshotRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.GetSnapshotRequest;
import csi.v1.IdentityGrpc;
import csi.v1.ListSnapshotsRequest;
import csi.v1.ListVolumesRequest;
import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.ProbeRequest;
import csi.v1.ValidateVolumeCapabilitiesRequest;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.strata.cli.LocalStack.Plugin;
import io.strata.csi.ClusterAccess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Malformed requests against every RPC of both backends: each gets a precise code (never INTERNAL,
 * UNKNOWN or a dead plugin), nothing appears outside the paths given, nothing leaks in Ceph (see
 * {@link NoLeftoversIT}), and no secret reaches the plugins' logs.
 */
@Tag("integration")
@ExtendWith(LocalStackExtension.class)
class BadInputIT {
  private static final String WRONG_KEY = "AQBadKeyBadKeyBadKeyBadKeyBadKeyBadKe==";
  // a well-formed cephx key the cluster does not know: the monitors refuse it
  private static final String UNKNOWN_KEY = "AQBvaBVnAAAAABAAKiq+Av5ZbZsLLd3fUXqPfw==";
  private static final Set<Status.Code> PRECISE =
      Set.of(
          Status.Code.OK,
          Status.Code.ABORTED,
          Status.Code.INVALID_ARGUMENT,
          Status.Code.NOT_FOUND,
          Status.Code.OUT_OF_RANGE,
          Status.Code.ALREADY_EXISTS,
          Status.Code.FAILED_PRECONDITION,
          Status.Code.PERMISSION_DENIED,
          Status.Code.UNAUTHENTICATED,
          Status.Code.UNIMPLEMENTED);

  private final LocalStackExtension.Stack stack;
  @TempDir Path sandbox;
  @TempDir Path elsewhere;
  private Path precious;

  BadInputIT(LocalStackExtension.Stack stack) {
    this.stack = stack;
  }

  @ParameterizedTest
  @EnumSource(Volumes.Backend.class)
  void everyMalformedRequestGetsAPreciseCode(Volumes.Backend backend) throws Exception {
    Volumes volumes = new Volumes(stack, backend);
    precious = Files.writeString(elsewhere.resolve("precious"), "data no request may destroy");
    Map<String, Supplier<Object>> calls = new java.util.LinkedHashMap<>();
    List<String> ids = badIds();
    VolumeCapability mount = Volumes.mount("", VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER);
    String name = "bad-input-" + backend;

    calls.put(
        "create: no name",
        () -> volumes.controller.createVolume(volumes.create(MIB, mount).setName("").build()));
    calls.put(
        "create: 10k name",
        () ->
            volumes.controller.createVolume(
                volumes.create(MIB, mount).setName("n".repeat(10_000)).build()));
    calls.put(
        "create: negative size",
        () ->
            volumes.controller.createVolume(
                volumes
                    .create(MIB, mount)
                    .setName(name)
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(-1))
                    .build()));
    calls.put(
        "create: absurd size",
        () ->
            volumes.controller.createVolume(
                volumes
                    .create(MIB, mount)
                    .setName(name)
                    .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(Long.MAX_VALUE))
                    .build()));
    calls.put(
        "create: limit below required",
        () ->
            volumes.controller.createVolume(
                volumes
                    .create(MIB, mount)
                    .setName(name)
                    .setCapacityRange(
                        CapacityRange.newBuilder().setRequiredBytes(8 * MIB).setLimitBytes(MIB))
                    .build()));
    calls.put(
        "create: no capabilities",
        () ->
            volumes.controller.createVolume(
                volumes.create(MIB, mount).setName(name).clearVolumeCapabilities().build()));
    calls.put(
        "create: capability without access type",
        () ->
            volumes.controller.createVolume(
                volumes.create(MIB, VolumeCapability.getDefaultInstance()).setName(name).build()));
    calls.put(
        "create: unknown cluster",
        () ->
            volumes.controller.createVolume(
                volumes
                    .create(MIB, mount)
                    .setName(name)
                    .putParameters("clusterID", "../../etc")
                    .build()));
    calls.put(
        "create: bad prefix",
        () ->
            volumes.controller.createVolume(
                volumes
                    .create(MIB, mount)
                    .setName(name)
                    .putParameters("volumeNamePrefix", "../x/")
                    .build()));
    calls.put(
        "create: no secrets",
        () ->
            volumes.controller.createVolume(
                volumes.create(MIB, mount).setName(name).clearSecrets().build()));
    calls.put(
        "create: wrong secret",
        () ->
            volumes.controller.createVolume(
                volumes.create(MIB, mount).setName(name).putAllSecrets(wrongSecrets()).build()));
    calls.put(
        "create: unknown key",
        () ->
            volumes.controller.createVolume(
                volumes
                    .create(MIB, mount)
                    .setName(name)
                    .putAllSecrets(
                        Map.of(ClusterAccess.USER_ID, "admin", ClusterAccess.USER_KEY, UNKNOWN_KEY))
                    .build()));
    calls.put(
        "list volumes: bad token",
        () ->
            volumes.controller.listVolumes(
                ListVolumesRequest.newBuilder().setStartingToken("%%%").build()));
    calls.put(
        "list volumes: negative max",
        () ->
            volumes.controller.listVolumes(
                ListVolumesRequest.newBuilder().setMaxEntries(-1).build()));
    calls.put(
        "list snapshots: bad token",
        () ->
            volumes.controller.listSnapshots(
                ListSnapshotsRequest.newBuilder()
                    .setStartingToken("\u0000\u00ff")
                    .putAllSecrets(volumes.secrets())
                    .build()));
    for (String id : ids) {
      String label = " id " + printable(id);
      calls.put(
          "delete volume:" + label,
          () ->
              volumes.controller.deleteVolume(
                  DeleteVolumeRequest.newBuilder()
                      .setVolumeId(id)
                      .putAllSecrets(volumes.secrets())
                      .build()));
      calls.put(
          "expand:" + label,
          () ->
              volumes.controller.controllerExpandVolume(
                  ControllerExpandVolumeRequest.newBuilder()
                      .setVolumeId(id)
                      .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(MIB))
                      .putAllSecrets(volumes.secrets())
                      .build()));
      calls.put(
          "validate:" + label,
          () ->
              volumes.controller.validateVolumeCapabilities(
                  ValidateVolumeCapabilitiesRequest.newBuilder()
                      .setVolumeId(id)
                      .addVolumeCapabilities(mount)
                      .putAllSecrets(volumes.secrets())
                      .build()));
      calls.put(
          "get volume:" + label,
          () ->
              volumes.controller.controllerGetVolume(
                  ControllerGetVolumeRequest.newBuilder().setVolumeId(id).build()));
      calls.put(
          "snapshot of:" + label,
          () ->
              volumes.controller.createSnapshot(
                  CreateSnapshotRequest.newBuilder()
                      .setName(name)
                      .setSourceVolumeId(id)
                      .putAllSecrets(volumes.secrets())
                      .build()));
      calls.put(
          "delete snapshot:" + label,
          () ->
              volumes.controller.deleteSnapshot(
                  DeleteSnapshotRequest.newBuilder()
                      .setSnapshotId(id)
                      .putAllSecrets(volumes.secrets())
                      .build()));
      calls.put(
          "get snapshot:" + label,
          () ->
              volumes.controller.getSnapshot(
                  GetSnapshotRequest.newBuilder()
                      .setSnapshotId(id)
                      .putAllSecrets(volumes.secrets())
                      .build()));
      calls.put(
          "restore from:" + label,
          () ->
              volumes.controller.createVolume(
                  volumes
                      .create(MIB, mount)
                      .setName(name + "-restore")
                      .setVolumeContentSource(
                          csi.v1.VolumeContentSource.newBuilder()
                              .setSnapshot(
                                  csi.v1.VolumeContentSource.SnapshotSource.newBuilder()
                                      .setSnapshotId(id)))
                      .build()));
      for (String path : badPaths()) {
        String where = label + " path " + printable(path);
        calls.put(
            "stage:" + where,
            () ->
                volumes.node.nodeStageVolume(
                    NodeStageVolumeRequest.newBuilder()
                        .setVolumeId(id)
                        .setStagingTargetPath(path)
                        .setVolumeCapability(mount)
                        .putAllSecrets(volumes.secrets())
                        .build()));
        calls.put(
            "publish:" + where,
            () ->
                volumes.node.nodePublishVolume(
                    NodePublishVolumeRequest.newBuilder()
                        .setVolumeId(id)
                        .setStagingTargetPath(path)
                        .setTargetPath(path + "/t")
                        .setVolumeCapability(mount)
                        .build()));
        calls.put(
            "unpublish:" + where,
            () ->
                volumes.node.nodeUnpublishVolume(
                    NodeUnpublishVolumeRequest.newBuilder()
                        .setVolumeId(id)
                        .setTargetPath(path)
                        .build()));
        calls.put(
            "unstage:" + where,
            () ->
                volumes.node.nodeUnstageVolume(
                    NodeUnstageVolumeRequest.newBuilder()
                        .setVolumeId(id)
                        .setStagingTargetPath(path)
                        .build()));
        calls.put(
            "stats:" + where,
            () ->
                volumes.node.nodeGetVolumeStats(
                    NodeGetVolumeStatsRequest.newBuilder()
                        .setVolumeId(id)
                        .setVolumePath(path)
                        .build()));
        calls.put(
            "node expand:" + where,
            () ->
                volumes.node.nodeExpandVolume(
                    NodeExpandVolumeRequest.newBuilder()
                        .setVolumeId(id)
                        .setVolumePath(path)
                        .build()));
      }
    }

    List<String> imprecise = new ArrayList<>();
    List<Volume> created = new ArrayList<>();
    for (Map.Entry<String, Supplier<Object>> call : calls.entrySet()) {
      Status.Code code;
      try {
        Object answer = call.getValue().get();
        if (answer instanceof csi.v1.CreateVolumeResponse response) {
          created.add(response.getVolume());
        }
        code = Status.Code.OK;
      } catch (StatusRuntimeException e) {
        code = e.getStatus().getCode();
      }
      if (!PRECISE.contains(code)) {
        imprecise.add(call.getKey() + " -> " + code);
      }
    }
    created.forEach(volumes::delete);
    System.out.printf(
        "bad input %s: %d requests, %d imprecise%n", backend, calls.size(), imprecise.size());
    assertEquals(List.of(), imprecise);

    for (Plugin plugin : Plugin.SEPARATE) {
      assertTrue(
          IdentityGrpc.newBlockingStub(stack.channel(plugin))
              .probe(ProbeRequest.getDefaultInstance())
              .getReady()
              .getValue(),
          plugin + " still serves");
    }
    try (Stream<Path> inSandbox = Files.walk(sandbox)) {
      assertEquals(List.of(sandbox), inSandbox.toList(), "nothing created where it was not asked");
    }
    assertFalse(Files.exists(sandbox.getParent().resolve("escaped")), "no path traversal");
    assertEquals("data no request may destroy", Files.readString(precious));
    for (Plugin plugin : Plugin.SEPARATE) {
      String log = Files.readString(stack.pluginLog(plugin));
      assertFalse(log.contains(WRONG_KEY), plugin + " logged a secret");
      assertFalse(log.contains(UNKNOWN_KEY), plugin + " logged a secret");
      assertFalse(log.contains(stack.cluster().adminKey()), plugin + " logged the admin key");
    }
  }

  private List<String> badIds() {
    String wellFormedUnknown =
        new io.strata.csi.id.CsiId(stack.cluster().fsid(), 1, java.util.UUID.randomUUID()).encode();
    return List.of(
        "",
        "../../etc/passwd",
        "x".repeat(4096),
        "ボリューム\u0000\n",
        wellFormedUnknown,
        wellFormedUnknown.replace("-0000000000000001-", "-7fffffffffffffff-"));
  }

  /** Paths a CO should never send: relative, traversing out of the sandbox, or not a directory. */
  private List<String> badPaths() {
    return List.of(
        "",
        "relative/dir",
        sandbox.resolve("../escaped").toString(),
        sandbox.resolve("missing/deeper").toString(),
        "/proc/self/status",
        precious.toString());
  }

  private Map<String, String> wrongSecrets() {
    return Map.of(ClusterAccess.USER_ID, "admin", ClusterAccess.USER_KEY, WRONG_KEY);
  }

  private static String printable(String value) {
    String shown = value.length() > 24 ? value.substring(0, 24) + "..." : value;
    return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
  }
}
