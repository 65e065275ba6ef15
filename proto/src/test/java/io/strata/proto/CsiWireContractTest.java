package io.strata.proto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.BoolValue;
import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.EnumDescriptor;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.FileDescriptor;
import com.google.protobuf.Descriptors.MethodDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Descriptors.ServiceDescriptor;
import com.google.protobuf.Int64Value;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Timestamp;
import csi.v1.CapacityRange;
import csi.v1.ControllerExpandVolumeRequest;
import csi.v1.ControllerExpandVolumeResponse;
import csi.v1.ControllerGetCapabilitiesResponse;
import csi.v1.ControllerGetVolumeResponse;
import csi.v1.ControllerGrpc;
import csi.v1.ControllerModifyVolumeRequest;
import csi.v1.ControllerPublishVolumeRequest;
import csi.v1.ControllerPublishVolumeResponse;
import csi.v1.ControllerServiceCapability;
import csi.v1.ControllerUnpublishVolumeRequest;
import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateSnapshotResponse;
import csi.v1.CreateVolumeRequest;
import csi.v1.CreateVolumeResponse;
import csi.v1.Csi;
import csi.v1.DeleteSnapshotRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.GetCapacityRequest;
import csi.v1.GetCapacityResponse;
import csi.v1.GetPluginCapabilitiesResponse;
import csi.v1.GetPluginInfoResponse;
import csi.v1.GroupControllerGrpc;
import csi.v1.IdentityGrpc;
import csi.v1.ListSnapshotsRequest;
import csi.v1.ListSnapshotsResponse;
import csi.v1.ListVolumesRequest;
import csi.v1.ListVolumesResponse;
import csi.v1.NodeExpandVolumeRequest;
import csi.v1.NodeExpandVolumeResponse;
import csi.v1.NodeGetCapabilitiesResponse;
import csi.v1.NodeGetInfoResponse;
import csi.v1.NodeGetVolumeStatsRequest;
import csi.v1.NodeGetVolumeStatsResponse;
import csi.v1.NodeGrpc;
import csi.v1.NodePublishVolumeRequest;
import csi.v1.NodeServiceCapability;
import csi.v1.NodeStageVolumeRequest;
import csi.v1.NodeUnpublishVolumeRequest;
import csi.v1.NodeUnstageVolumeRequest;
import csi.v1.PluginCapability;
import csi.v1.ProbeResponse;
import csi.v1.Snapshot;
import csi.v1.SnapshotMetadataGrpc;
import csi.v1.Topology;
import csi.v1.TopologyRequirement;
import csi.v1.ValidateVolumeCapabilitiesRequest;
import csi.v1.ValidateVolumeCapabilitiesResponse;
import csi.v1.Volume;
import csi.v1.VolumeCapability;
import csi.v1.VolumeCondition;
import csi.v1.VolumeContentSource;
import csi.v1.VolumeUsage;
import io.grpc.MethodDescriptor.MethodType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the CSI v1.12 wire contract compiled from {@code src/main/proto/csi.proto}: field and enum
 * numbers, service and method names, the Java-only rename of {@code mutable_parameters}, and the
 * {@code csi_secret} / alpha annotations. A failure here means the wire (or the secret-stripping
 * metadata) changed; fix csi.proto, not this table, unless the CSI spec version was bumped.
 */
class CsiWireContractTest {

  private static final FileDescriptor CSI = Csi.getDescriptor();

  /**
   * Every message of csi.proto (map entries excluded): "Message: field=number ...", in field-number
   * order. Indented lines continue the previous row; a message with no fields pins "no fields".
   * Names are relative to package csi.v1; nested messages are dotted.
   */
  private static final String FIELD_NUMBERS =
"""
GetPluginInfoRequest:
GetPluginInfoResponse: name=1 vendor_version=2 manifest=3
GetPluginCapabilitiesRequest:
GetPluginCapabilitiesResponse: capabilities=1
PluginCapability: service=1 volume_expansion=2
PluginCapability.Service: type=1
PluginCapability.VolumeExpansion: type=1
ProbeRequest:
ProbeResponse: ready=1
CreateVolumeRequest: name=1 capacity_range=2 volume_capabilities=3 parameters=4 secrets=5
    volume_content_source=6 accessibility_requirements=7 mutable_params=8
VolumeContentSource: snapshot=1 volume=2
VolumeContentSource.SnapshotSource: snapshot_id=1
VolumeContentSource.VolumeSource: volume_id=1
CreateVolumeResponse: volume=1
VolumeCapability: block=1 mount=2 access_mode=3
VolumeCapability.BlockVolume:
VolumeCapability.MountVolume: fs_type=1 mount_flags=2 volume_mount_group=3
VolumeCapability.AccessMode: mode=1
CapacityRange: required_bytes=1 limit_bytes=2
Volume: capacity_bytes=1 volume_id=2 volume_context=3 content_source=4 accessible_topology=5
TopologyRequirement: requisite=1 preferred=2
Topology: segments=1
DeleteVolumeRequest: volume_id=1 secrets=2
DeleteVolumeResponse:
ControllerPublishVolumeRequest: volume_id=1 node_id=2 volume_capability=3 readonly=4 secrets=5
    volume_context=6
ControllerPublishVolumeResponse: publish_context=1
ControllerUnpublishVolumeRequest: volume_id=1 node_id=2 secrets=3
ControllerUnpublishVolumeResponse:
ValidateVolumeCapabilitiesRequest: volume_id=1 volume_context=2 volume_capabilities=3
    parameters=4 secrets=5 mutable_params=6
ValidateVolumeCapabilitiesResponse: confirmed=1 message=2
ValidateVolumeCapabilitiesResponse.Confirmed: volume_context=1 volume_capabilities=2
    parameters=3 mutable_params=4
ListVolumesRequest: max_entries=1 starting_token=2
ListVolumesResponse: entries=1 next_token=2
ListVolumesResponse.VolumeStatus: published_node_ids=1 volume_condition=2
ListVolumesResponse.Entry: volume=1 status=2
ControllerGetVolumeRequest: volume_id=1
ControllerGetVolumeResponse: volume=1 status=2
ControllerGetVolumeResponse.VolumeStatus: published_node_ids=1 volume_condition=2
ControllerModifyVolumeRequest: volume_id=1 secrets=2 mutable_parameters=3
ControllerModifyVolumeResponse:
GetCapacityRequest: volume_capabilities=1 parameters=2 accessible_topology=3
GetCapacityResponse: available_capacity=1 maximum_volume_size=2 minimum_volume_size=3
ControllerGetCapabilitiesRequest:
ControllerGetCapabilitiesResponse: capabilities=1
ControllerServiceCapability: rpc=1
ControllerServiceCapability.RPC: type=1
CreateSnapshotRequest: source_volume_id=1 name=2 secrets=3 parameters=4
CreateSnapshotResponse: snapshot=1
Snapshot: size_bytes=1 snapshot_id=2 source_volume_id=3 creation_time=4 ready_to_use=5
    group_snapshot_id=6
DeleteSnapshotRequest: snapshot_id=1 secrets=2
DeleteSnapshotResponse:
ListSnapshotsRequest: max_entries=1 starting_token=2 source_volume_id=3 snapshot_id=4
    secrets=5
ListSnapshotsResponse: entries=1 next_token=2
ListSnapshotsResponse.Entry: snapshot=1
GetSnapshotRequest: snapshot_id=1 secrets=2
GetSnapshotResponse: snapshot=1
ControllerExpandVolumeRequest: volume_id=1 capacity_range=2 secrets=3 volume_capability=4
ControllerExpandVolumeResponse: capacity_bytes=1 node_expansion_required=2
NodeStageVolumeRequest: volume_id=1 publish_context=2 staging_target_path=3
    volume_capability=4 secrets=5 volume_context=6
NodeStageVolumeResponse:
NodeUnstageVolumeRequest: volume_id=1 staging_target_path=2
NodeUnstageVolumeResponse:
NodePublishVolumeRequest: volume_id=1 publish_context=2 staging_target_path=3 target_path=4
    volume_capability=5 readonly=6 secrets=7 volume_context=8
NodePublishVolumeResponse:
NodeUnpublishVolumeRequest: volume_id=1 target_path=2
NodeUnpublishVolumeResponse:
NodeGetVolumeStatsRequest: volume_id=1 volume_path=2 staging_target_path=3
NodeGetVolumeStatsResponse: usage=1 volume_condition=2
VolumeUsage: available=1 total=2 used=3 unit=4
VolumeCondition: abnormal=1 message=2
NodeGetCapabilitiesRequest:
NodeGetCapabilitiesResponse: capabilities=1
NodeServiceCapability: rpc=1
NodeServiceCapability.RPC: type=1
NodeGetInfoRequest:
NodeGetInfoResponse: node_id=1 max_volumes_per_node=2 accessible_topology=3
NodeExpandVolumeRequest: volume_id=1 volume_path=2 capacity_range=3 staging_target_path=4
    volume_capability=5 secrets=6
NodeExpandVolumeResponse: capacity_bytes=1
GroupControllerGetCapabilitiesRequest:
GroupControllerGetCapabilitiesResponse: capabilities=1
GroupControllerServiceCapability: rpc=1
GroupControllerServiceCapability.RPC: type=1
CreateVolumeGroupSnapshotRequest: name=1 source_volume_ids=2 secrets=3 parameters=4
CreateVolumeGroupSnapshotResponse: group_snapshot=1
VolumeGroupSnapshot: group_snapshot_id=1 snapshots=2 creation_time=3 ready_to_use=4
DeleteVolumeGroupSnapshotRequest: group_snapshot_id=1 snapshot_ids=2 secrets=3
DeleteVolumeGroupSnapshotResponse:
GetVolumeGroupSnapshotRequest: group_snapshot_id=1 snapshot_ids=2 secrets=3
GetVolumeGroupSnapshotResponse: group_snapshot=1
BlockMetadata: byte_offset=1 size_bytes=2
GetMetadataAllocatedRequest: snapshot_id=1 starting_offset=2 max_results=3 secrets=4
GetMetadataAllocatedResponse: block_metadata_type=1 volume_capacity_bytes=2 block_metadata=3
GetMetadataDeltaRequest: base_snapshot_id=1 target_snapshot_id=2 starting_offset=3
    max_results=4 secrets=5
GetMetadataDeltaResponse: block_metadata_type=1 volume_capacity_bytes=2 block_metadata=3
""";

  /** Every enum of csi.proto: "Enum: VALUE=number ...". */
  private static final String ENUM_NUMBERS =
"""
PluginCapability.Service.Type: UNKNOWN=0 CONTROLLER_SERVICE=1
    VOLUME_ACCESSIBILITY_CONSTRAINTS=2 GROUP_CONTROLLER_SERVICE=3 SNAPSHOT_METADATA_SERVICE=4
PluginCapability.VolumeExpansion.Type: UNKNOWN=0 ONLINE=1 OFFLINE=2
VolumeCapability.AccessMode.Mode: UNKNOWN=0 SINGLE_NODE_WRITER=1 SINGLE_NODE_READER_ONLY=2
    MULTI_NODE_READER_ONLY=3 MULTI_NODE_SINGLE_WRITER=4 MULTI_NODE_MULTI_WRITER=5
    SINGLE_NODE_SINGLE_WRITER=6 SINGLE_NODE_MULTI_WRITER=7
ControllerServiceCapability.RPC.Type: UNKNOWN=0 CREATE_DELETE_VOLUME=1
    PUBLISH_UNPUBLISH_VOLUME=2 LIST_VOLUMES=3 GET_CAPACITY=4 CREATE_DELETE_SNAPSHOT=5
    LIST_SNAPSHOTS=6 CLONE_VOLUME=7 PUBLISH_READONLY=8 EXPAND_VOLUME=9
    LIST_VOLUMES_PUBLISHED_NODES=10 VOLUME_CONDITION=11 GET_VOLUME=12
    SINGLE_NODE_MULTI_WRITER=13 MODIFY_VOLUME=14 GET_SNAPSHOT=15
VolumeUsage.Unit: UNKNOWN=0 BYTES=1 INODES=2
NodeServiceCapability.RPC.Type: UNKNOWN=0 STAGE_UNSTAGE_VOLUME=1 GET_VOLUME_STATS=2
    EXPAND_VOLUME=3 VOLUME_CONDITION=4 SINGLE_NODE_MULTI_WRITER=5 VOLUME_MOUNT_GROUP=6
GroupControllerServiceCapability.RPC.Type: UNKNOWN=0 CREATE_DELETE_GET_VOLUME_GROUP_SNAPSHOT=1
BlockMetadataType: UNKNOWN=0 FIXED_LENGTH=1 VARIABLE_LENGTH=2
""";

  /** The fields renamed from the spec's {@code mutable_parameters}: message -> field number. */
  private static final Map<String, Integer> RENAMED_MUTABLE_PARAMS =
      Map.of(
          "CreateVolumeRequest", 8,
          "ValidateVolumeCapabilitiesRequest", 6,
          "ValidateVolumeCapabilitiesResponse.Confirmed", 4);

  // ---------------------------------------------------------------------------------------------
  // (a) field and enum numbers
  // ---------------------------------------------------------------------------------------------

  static Stream<Arguments> fieldNumbers() {
    return parseTable(FIELD_NUMBERS).entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("fieldNumbers")
  void fieldNumbersMatchSpec(String message, String expected) {
    Descriptor d = message(message);
    String actual =
        d.getFields().stream()
            .sorted((a, b) -> Integer.compare(a.getNumber(), b.getNumber()))
            .map(f -> f.getName() + "=" + f.getNumber())
            .collect(Collectors.joining(" "));
    assertEquals(expected, actual, "field numbers of csi.v1." + message);
  }

  static Stream<Arguments> enumNumbers() {
    return parseTable(ENUM_NUMBERS).entrySet().stream()
        .map(e -> Arguments.of(e.getKey(), e.getValue()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("enumNumbers")
  void enumNumbersMatchSpec(String enumName, String expected) {
    int dot = enumName.lastIndexOf('.');
    EnumDescriptor e =
        dot < 0
            ? CSI.findEnumTypeByName(enumName)
            : message(enumName.substring(0, dot)).findEnumTypeByName(enumName.substring(dot + 1));
    assertNotNull(e, "no enum csi.v1." + enumName);
    String actual =
        e.getValues().stream()
            .map(v -> v.getName() + "=" + v.getNumber())
            .collect(Collectors.joining(" "));
    assertEquals(expected, actual, "values of csi.v1." + enumName);
  }

  @Test
  void tablesCoverEveryMessageAndEnumOfTheFile() {
    Set<String> messages = new TreeSet<>();
    Set<String> enums = new TreeSet<>();
    CSI.getMessageTypes().forEach(d -> collect(d, messages, enums));
    CSI.getEnumTypes().forEach(e -> enums.add(relativeName(e.getFullName())));
    assertEquals(new TreeSet<>(parseTable(FIELD_NUMBERS).keySet()), messages);
    assertEquals(new TreeSet<>(parseTable(ENUM_NUMBERS).keySet()), enums);
  }

  // ---------------------------------------------------------------------------------------------
  // (b) round trips through bytes with every field set
  // ---------------------------------------------------------------------------------------------

  @FunctionalInterface
  interface Parser<T extends Message> {
    T parseFrom(byte[] bytes) throws InvalidProtocolBufferException;
  }

  private static <T extends Message> Arguments rt(T message, Parser<T> parser) {
    return Arguments.of(message.getDescriptorForType().getName(), message, parser);
  }

  static Stream<Arguments> roundTrips() {
    return Stream.of(
        // Identity
        rt(
            GetPluginInfoResponse.newBuilder()
                .setName("rbd.csi.strata.io")
                .setVendorVersion("0.1.0")
                .putManifest("commit", "abc123")
                .build(),
            GetPluginInfoResponse::parseFrom),
        rt(
            GetPluginCapabilitiesResponse.newBuilder()
                .addCapabilities(pluginService(PluginCapability.Service.Type.CONTROLLER_SERVICE))
                .addCapabilities(
                    pluginService(PluginCapability.Service.Type.VOLUME_ACCESSIBILITY_CONSTRAINTS))
                .addCapabilities(
                    PluginCapability.newBuilder()
                        .setVolumeExpansion(
                            PluginCapability.VolumeExpansion.newBuilder()
                                .setType(PluginCapability.VolumeExpansion.Type.ONLINE)))
                .build(),
            GetPluginCapabilitiesResponse::parseFrom),
        rt(
            ProbeResponse.newBuilder().setReady(BoolValue.of(true)).build(),
            ProbeResponse::parseFrom),
        // Controller
        rt(
            CreateVolumeRequest.newBuilder()
                .setName("pvc-1")
                .setCapacityRange(capacityRange())
                .addVolumeCapabilities(mountCapability())
                .addVolumeCapabilities(blockCapability())
                .putParameters("pool", "replicapool")
                .putSecrets("userKey", "s3cr3t")
                .setVolumeContentSource(
                    VolumeContentSource.newBuilder()
                        .setSnapshot(
                            VolumeContentSource.SnapshotSource.newBuilder()
                                .setSnapshotId("snap-1")))
                .setAccessibilityRequirements(
                    TopologyRequirement.newBuilder()
                        .addRequisite(topology("zone-a"))
                        .addPreferred(topology("zone-b")))
                .putMutableParams("qos", "gold")
                .build(),
            CreateVolumeRequest::parseFrom),
        rt(
            CreateVolumeResponse.newBuilder().setVolume(volume()).build(),
            CreateVolumeResponse::parseFrom),
        rt(
            DeleteVolumeRequest.newBuilder().setVolumeId("vol-1").putSecrets("k", "v").build(),
            DeleteVolumeRequest::parseFrom),
        rt(
            ControllerPublishVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .setNodeId("node-1")
                .setVolumeCapability(mountCapability())
                .setReadonly(true)
                .putSecrets("k", "v")
                .putVolumeContext("pool", "replicapool")
                .build(),
            ControllerPublishVolumeRequest::parseFrom),
        rt(
            ControllerPublishVolumeResponse.newBuilder()
                .putPublishContext("device", "rbd0")
                .build(),
            ControllerPublishVolumeResponse::parseFrom),
        rt(
            ControllerUnpublishVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .setNodeId("node-1")
                .putSecrets("k", "v")
                .build(),
            ControllerUnpublishVolumeRequest::parseFrom),
        rt(
            ValidateVolumeCapabilitiesRequest.newBuilder()
                .setVolumeId("vol-1")
                .putVolumeContext("pool", "replicapool")
                .addVolumeCapabilities(mountCapability())
                .putParameters("pool", "replicapool")
                .putSecrets("k", "v")
                .putMutableParams("qos", "gold")
                .build(),
            ValidateVolumeCapabilitiesRequest::parseFrom),
        rt(
            ValidateVolumeCapabilitiesResponse.newBuilder()
                .setConfirmed(
                    ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
                        .putVolumeContext("pool", "replicapool")
                        .addVolumeCapabilities(blockCapability())
                        .putParameters("pool", "replicapool")
                        .putMutableParams("qos", "gold"))
                .setMessage("ok")
                .build(),
            ValidateVolumeCapabilitiesResponse::parseFrom),
        rt(
            ListVolumesRequest.newBuilder().setMaxEntries(10).setStartingToken("t1").build(),
            ListVolumesRequest::parseFrom),
        rt(
            ListVolumesResponse.newBuilder()
                .addEntries(
                    ListVolumesResponse.Entry.newBuilder()
                        .setVolume(volume())
                        .setStatus(
                            ListVolumesResponse.VolumeStatus.newBuilder()
                                .addPublishedNodeIds("node-1")
                                .setVolumeCondition(condition())))
                .setNextToken("t2")
                .build(),
            ListVolumesResponse::parseFrom),
        rt(
            GetCapacityRequest.newBuilder()
                .addVolumeCapabilities(mountCapability())
                .putParameters("pool", "replicapool")
                .setAccessibleTopology(topology("zone-a"))
                .build(),
            GetCapacityRequest::parseFrom),
        rt(
            GetCapacityResponse.newBuilder()
                .setAvailableCapacity(1L << 40)
                .setMaximumVolumeSize(Int64Value.of(1L << 39))
                .setMinimumVolumeSize(Int64Value.of(1L << 20))
                .build(),
            GetCapacityResponse::parseFrom),
        rt(
            ControllerGetCapabilitiesResponse.newBuilder()
                .addCapabilities(
                    controllerCap(ControllerServiceCapability.RPC.Type.CREATE_DELETE_VOLUME))
                .addCapabilities(controllerCap(ControllerServiceCapability.RPC.Type.MODIFY_VOLUME))
                .build(),
            ControllerGetCapabilitiesResponse::parseFrom),
        rt(
            CreateSnapshotRequest.newBuilder()
                .setSourceVolumeId("vol-1")
                .setName("snap-1")
                .putSecrets("k", "v")
                .putParameters("pool", "replicapool")
                .build(),
            CreateSnapshotRequest::parseFrom),
        rt(
            CreateSnapshotResponse.newBuilder().setSnapshot(snapshot()).build(),
            CreateSnapshotResponse::parseFrom),
        rt(
            DeleteSnapshotRequest.newBuilder().setSnapshotId("snap-1").putSecrets("k", "v").build(),
            DeleteSnapshotRequest::parseFrom),
        rt(
            ListSnapshotsRequest.newBuilder()
                .setMaxEntries(10)
                .setStartingToken("t1")
                .setSourceVolumeId("vol-1")
                .setSnapshotId("snap-1")
                .putSecrets("k", "v")
                .build(),
            ListSnapshotsRequest::parseFrom),
        rt(
            ListSnapshotsResponse.newBuilder()
                .addEntries(ListSnapshotsResponse.Entry.newBuilder().setSnapshot(snapshot()))
                .setNextToken("t2")
                .build(),
            ListSnapshotsResponse::parseFrom),
        rt(
            ControllerExpandVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .setCapacityRange(capacityRange())
                .putSecrets("k", "v")
                .setVolumeCapability(mountCapability())
                .build(),
            ControllerExpandVolumeRequest::parseFrom),
        rt(
            ControllerExpandVolumeResponse.newBuilder()
                .setCapacityBytes(1L << 31)
                .setNodeExpansionRequired(true)
                .build(),
            ControllerExpandVolumeResponse::parseFrom),
        rt(
            ControllerGetVolumeResponse.newBuilder()
                .setVolume(volume())
                .setStatus(
                    ControllerGetVolumeResponse.VolumeStatus.newBuilder()
                        .addPublishedNodeIds("node-1")
                        .setVolumeCondition(condition()))
                .build(),
            ControllerGetVolumeResponse::parseFrom),
        rt(
            ControllerModifyVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .putSecrets("k", "v")
                .putMutableParameters("qos", "gold")
                .build(),
            ControllerModifyVolumeRequest::parseFrom),
        // Node
        rt(
            NodeStageVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .putPublishContext("device", "rbd0")
                .setStagingTargetPath("/staging")
                .setVolumeCapability(mountCapability())
                .putSecrets("k", "v")
                .putVolumeContext("pool", "replicapool")
                .build(),
            NodeStageVolumeRequest::parseFrom),
        rt(
            NodeUnstageVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .setStagingTargetPath("/staging")
                .build(),
            NodeUnstageVolumeRequest::parseFrom),
        rt(
            NodePublishVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .putPublishContext("device", "rbd0")
                .setStagingTargetPath("/staging")
                .setTargetPath("/target")
                .setVolumeCapability(blockCapability())
                .setReadonly(true)
                .putSecrets("k", "v")
                .putVolumeContext("pool", "replicapool")
                .build(),
            NodePublishVolumeRequest::parseFrom),
        rt(
            NodeUnpublishVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .setTargetPath("/target")
                .build(),
            NodeUnpublishVolumeRequest::parseFrom),
        rt(
            NodeGetVolumeStatsRequest.newBuilder()
                .setVolumeId("vol-1")
                .setVolumePath("/target")
                .setStagingTargetPath("/staging")
                .build(),
            NodeGetVolumeStatsRequest::parseFrom),
        rt(
            NodeGetVolumeStatsResponse.newBuilder()
                .addUsage(
                    VolumeUsage.newBuilder()
                        .setAvailable(100)
                        .setTotal(300)
                        .setUsed(200)
                        .setUnit(VolumeUsage.Unit.BYTES))
                .setVolumeCondition(condition())
                .build(),
            NodeGetVolumeStatsResponse::parseFrom),
        rt(
            NodeExpandVolumeRequest.newBuilder()
                .setVolumeId("vol-1")
                .setVolumePath("/target")
                .setCapacityRange(capacityRange())
                .setStagingTargetPath("/staging")
                .setVolumeCapability(mountCapability())
                .putSecrets("k", "v")
                .build(),
            NodeExpandVolumeRequest::parseFrom),
        rt(
            NodeExpandVolumeResponse.newBuilder().setCapacityBytes(1L << 31).build(),
            NodeExpandVolumeResponse::parseFrom),
        rt(
            NodeGetCapabilitiesResponse.newBuilder()
                .addCapabilities(
                    NodeServiceCapability.newBuilder()
                        .setRpc(
                            NodeServiceCapability.RPC
                                .newBuilder()
                                .setType(NodeServiceCapability.RPC.Type.STAGE_UNSTAGE_VOLUME)))
                .build(),
            NodeGetCapabilitiesResponse::parseFrom),
        rt(
            NodeGetInfoResponse.newBuilder()
                .setNodeId("node-1")
                .setMaxVolumesPerNode(128)
                .setAccessibleTopology(topology("zone-a"))
                .build(),
            NodeGetInfoResponse::parseFrom));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("roundTrips")
  <T extends Message> void roundTripsThroughBytesWithEveryFieldSet(
      String name, T message, Parser<T> parser) throws InvalidProtocolBufferException {
    assertFullyPopulated(message, name);
    byte[] bytes = message.toByteArray();
    T parsed = parser.parseFrom(bytes);
    assertEquals(message, parsed);
    assertEquals(message.getDescriptorForType(), parsed.getDescriptorForType());
    assertTrue(parsed.getUnknownFields().asMap().isEmpty(), "unknown fields after parse");
    assertEquals(ByteString.copyFrom(bytes), parsed.toByteString());
  }

  // ---------------------------------------------------------------------------------------------
  // (c) renamed field, service names, secrets and alpha annotations
  // ---------------------------------------------------------------------------------------------

  @Test
  void renamedMutableParametersKeepSpecNumberTypeAndJsonName() {
    RENAMED_MUTABLE_PARAMS.forEach((message, number) -> {
      Descriptor d = message(message);
      FieldDescriptor f = d.findFieldByNumber(number);
      assertNotNull(f, message + " #" + number);
      assertEquals("mutable_params", f.getName(), message + " #" + number);
      assertTrue(f.isMapField(), message + ".mutable_params is map<string, string>");
      assertEquals(
          FieldDescriptor.Type.STRING, f.getMessageType().findFieldByName("key").getType());
      assertEquals(
          FieldDescriptor.Type.STRING, f.getMessageType().findFieldByName("value").getType());
      assertEquals("mutableParameters", f.getJsonName(), "proto3 JSON name as in the spec");
      assertNull(d.findFieldByName("mutable_parameters"), message);
    });
    // No `parameters` map there, so the spec name is kept.
    FieldDescriptor modify =
        ControllerModifyVolumeRequest.getDescriptor().findFieldByName("mutable_parameters");
    assertEquals(3, modify.getNumber());
    assertTrue(modify.isMapField());
  }

  @Test
  void renamedMutableParametersEncodeWithSpecFieldNumbers() {
    // map entry {"k": "v"}: key (1, LEN) "k", value (2, LEN) "v"
    String entry = "0a016b120176";
    assertEquals(
        "4206" + entry, // field 8, LEN, 6 bytes
        hex(CreateVolumeRequest.newBuilder().putMutableParams("k", "v").build()));
    assertEquals(
        "3206" + entry, // field 6
        hex(ValidateVolumeCapabilitiesRequest.newBuilder().putMutableParams("k", "v").build()));
    assertEquals(
        "2206" + entry, // field 4
        hex(
            ValidateVolumeCapabilitiesResponse.Confirmed.newBuilder()
                .putMutableParams("k", "v")
                .build()));
    assertEquals(
        "1a06" + entry, // field 3, spec name kept
        hex(ControllerModifyVolumeRequest.newBuilder().putMutableParameters("k", "v").build()));
  }

  @Test
  void serviceFullNamesAndMethodsMatchSpec() {
    assertEquals("csi.v1.Identity", IdentityGrpc.SERVICE_NAME);
    assertEquals("csi.v1.Controller", ControllerGrpc.SERVICE_NAME);
    assertEquals("csi.v1.GroupController", GroupControllerGrpc.SERVICE_NAME);
    assertEquals("csi.v1.SnapshotMetadata", SnapshotMetadataGrpc.SERVICE_NAME);
    assertEquals("csi.v1.Node", NodeGrpc.SERVICE_NAME);

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("csi.v1.Identity", List.of("GetPluginInfo", "GetPluginCapabilities", "Probe"));
    expected.put(
        "csi.v1.Controller",
        List.of(
            "CreateVolume",
            "DeleteVolume",
            "ControllerPublishVolume",
            "ControllerUnpublishVolume",
            "ValidateVolumeCapabilities",
            "ListVolumes",
            "GetCapacity",
            "ControllerGetCapabilities",
            "CreateSnapshot",
            "DeleteSnapshot",
            "ListSnapshots",
            "GetSnapshot",
            "ControllerExpandVolume",
            "ControllerGetVolume",
            "ControllerModifyVolume"));
    expected.put(
        "csi.v1.GroupController",
        List.of(
            "GroupControllerGetCapabilities",
            "CreateVolumeGroupSnapshot",
            "DeleteVolumeGroupSnapshot",
            "GetVolumeGroupSnapshot"));
    expected.put("csi.v1.SnapshotMetadata", List.of("GetMetadataAllocated", "GetMetadataDelta"));
    expected.put(
        "csi.v1.Node",
        List.of(
            "NodeStageVolume",
            "NodeUnstageVolume",
            "NodePublishVolume",
            "NodeUnpublishVolume",
            "NodeGetVolumeStats",
            "NodeExpandVolume",
            "NodeGetCapabilities",
            "NodeGetInfo"));

    Map<String, List<String>> actual = new LinkedHashMap<>();
    for (ServiceDescriptor s : CSI.getServices()) {
      actual.put(s.getFullName(), s.getMethods().stream().map(MethodDescriptor::getName).toList());
      for (MethodDescriptor m : s.getMethods()) {
        // request/response types follow the spec convention <Method>Request / <Method>Response
        assertEquals("csi.v1." + m.getName() + "Request", m.getInputType().getFullName());
        assertEquals("csi.v1." + m.getName() + "Response", m.getOutputType().getFullName());
        assertFalse(m.isClientStreaming(), m.getFullName());
        assertEquals(
            s.getName().equals("SnapshotMetadata"), m.isServerStreaming(), m.getFullName());
      }
    }
    assertEquals(expected, actual);

    // the HTTP/2 paths grpc-java will use
    assertEquals(
        "csi.v1.Controller/CreateVolume",
        ControllerGrpc.getCreateVolumeMethod().getFullMethodName());
    assertEquals(
        "csi.v1.Node/NodeStageVolume", NodeGrpc.getNodeStageVolumeMethod().getFullMethodName());
    assertEquals("csi.v1.Identity/Probe", IdentityGrpc.getProbeMethod().getFullMethodName());
    assertEquals(
        MethodType.SERVER_STREAMING, SnapshotMetadataGrpc.getGetMetadataDeltaMethod().getType());
    assertEquals(MethodType.UNARY, ControllerGrpc.getCreateVolumeMethod().getType());
  }

  @Test
  void customOptionExtensionNumbersMatchSpec() {
    assertEquals(1059, Csi.csiSecret.getDescriptor().getNumber());
    assertEquals(
        "google.protobuf.FieldOptions",
        Csi.csiSecret.getDescriptor().getContainingType().getFullName());
    Map<String, String> alpha = new LinkedHashMap<>();
    for (FieldDescriptor x :
        List.of(
            Csi.alphaEnum.getDescriptor(),
            Csi.alphaEnumValue.getDescriptor(),
            Csi.alphaField.getDescriptor(),
            Csi.alphaMessage.getDescriptor(),
            Csi.alphaMethod.getDescriptor(),
            Csi.alphaService.getDescriptor())) {
      assertEquals(1060, x.getNumber(), x.getFullName());
      assertEquals(FieldDescriptor.Type.BOOL, x.getType(), x.getFullName());
      alpha.put(x.getName(), x.getContainingType().getName());
    }
    assertEquals(
        Map.of(
            "alpha_enum", "EnumOptions",
            "alpha_enum_value", "EnumValueOptions",
            "alpha_field", "FieldOptions",
            "alpha_message", "MessageOptions",
            "alpha_method", "MethodOptions",
            "alpha_service", "ServiceOptions"),
        alpha);
  }

  @Test
  void everySecretsFieldCarriesCsiSecret() {
    Set<String> secret = new TreeSet<>();
    Set<String> namedSecrets = new TreeSet<>();
    forEachField(f -> {
      String name = relativeName(f.getFullName());
      if (f.getOptions().getExtension(Csi.csiSecret)) {
        secret.add(name);
      }
      if (f.getName().equals("secrets")) {
        namedSecrets.add(name);
      }
    });
    assertEquals(namedSecrets, secret, "csi_secret must be on exactly the `secrets` fields");
    assertEquals(
        new TreeSet<>(
            Arrays.asList(
                "CreateVolumeRequest.secrets",
                "DeleteVolumeRequest.secrets",
                "ControllerPublishVolumeRequest.secrets",
                "ControllerUnpublishVolumeRequest.secrets",
                "ValidateVolumeCapabilitiesRequest.secrets",
                "ControllerModifyVolumeRequest.secrets",
                "CreateSnapshotRequest.secrets",
                "DeleteSnapshotRequest.secrets",
                "ListSnapshotsRequest.secrets",
                "GetSnapshotRequest.secrets",
                "ControllerExpandVolumeRequest.secrets",
                "NodeStageVolumeRequest.secrets",
                "NodePublishVolumeRequest.secrets",
                "NodeExpandVolumeRequest.secrets",
                "CreateVolumeGroupSnapshotRequest.secrets",
                "DeleteVolumeGroupSnapshotRequest.secrets",
                "GetVolumeGroupSnapshotRequest.secrets",
                "GetMetadataAllocatedRequest.secrets",
                "GetMetadataDeltaRequest.secrets")),
        secret);
  }

  @Test
  void alphaAnnotationsMatchSpec() {
    Set<String> alpha = new TreeSet<>();
    forEachField(f -> {
      if (f.getOptions().getExtension(Csi.alphaField)) {
        alpha.add("field " + relativeName(f.getFullName()));
      }
    });
    forEachMessage(d -> {
      if (d.getOptions().getExtension(Csi.alphaMessage)) {
        alpha.add("message " + relativeName(d.getFullName()));
      }
    });
    forEachEnum(e -> {
      if (e.getOptions().getExtension(Csi.alphaEnum)) {
        alpha.add("enum " + relativeName(e.getFullName()));
      }
      e.getValues().stream()
          .filter(v -> v.getOptions().getExtension(Csi.alphaEnumValue))
          .forEach(v -> alpha.add("value " + relativeName(e.getFullName()) + "." + v.getName()));
    });
    for (ServiceDescriptor s : CSI.getServices()) {
      if (s.getOptions().getExtension(Csi.alphaService)) {
        alpha.add("service " + s.getName());
      }
      for (MethodDescriptor m : s.getMethods()) {
        if (m.getOptions().getExtension(Csi.alphaMethod)) {
          alpha.add("method " + s.getName() + "." + m.getName());
        }
      }
    }
    assertEquals(
        new TreeSet<>(
            Arrays.asList(
                "field GetCapacityResponse.minimum_volume_size",
                "field ListVolumesResponse.VolumeStatus.volume_condition",
                "field NodeExpandVolumeRequest.secrets",
                "field NodeGetVolumeStatsResponse.volume_condition",
                "message ControllerGetVolumeRequest",
                "message ControllerGetVolumeResponse",
                "message GetSnapshotRequest",
                "message GetSnapshotResponse",
                "message VolumeCondition",
                "method Controller.ControllerGetVolume",
                "method Controller.GetSnapshot",
                "service SnapshotMetadata",
                "value ControllerServiceCapability.RPC.Type.GET_SNAPSHOT",
                "value ControllerServiceCapability.RPC.Type.GET_VOLUME",
                "value ControllerServiceCapability.RPC.Type.SINGLE_NODE_MULTI_WRITER",
                "value ControllerServiceCapability.RPC.Type.VOLUME_CONDITION",
                "value NodeServiceCapability.RPC.Type.SINGLE_NODE_MULTI_WRITER",
                "value NodeServiceCapability.RPC.Type.VOLUME_CONDITION",
                "value PluginCapability.Service.Type.SNAPSHOT_METADATA_SERVICE",
                "value VolumeCapability.AccessMode.Mode.SINGLE_NODE_MULTI_WRITER",
                "value VolumeCapability.AccessMode.Mode.SINGLE_NODE_SINGLE_WRITER")),
        alpha);
  }

  // ---------------------------------------------------------------------------------------------
  // helpers
  // ---------------------------------------------------------------------------------------------

  /** Parses "Name: a=1 b=2" rows; indented lines continue the previous row. */
  private static Map<String, String> parseTable(String table) {
    Map<String, String> rows = new LinkedHashMap<>();
    String current = null;
    for (String line : table.split("\n")) {
      if (line.isBlank()) {
        continue;
      }
      if (Character.isWhitespace(line.charAt(0))) {
        rows.merge(current, line.strip(), (a, b) -> a + " " + b);
      } else {
        int colon = line.indexOf(':');
        current = line.substring(0, colon).strip();
        if (rows.put(current, line.substring(colon + 1).strip()) != null) {
          throw new IllegalStateException("duplicate row " + current);
        }
      }
    }
    return rows;
  }

  /** Resolves "Outer.Inner" relative to package csi.v1. */
  private static Descriptor message(String relativeName) {
    String[] parts = relativeName.split("\\.");
    Descriptor d = CSI.findMessageTypeByName(parts[0]);
    for (int i = 1; d != null && i < parts.length; i++) {
      d = d.findNestedTypeByName(parts[i]);
    }
    assertNotNull(d, "no message csi.v1." + relativeName);
    return d;
  }

  private static String relativeName(String fullName) {
    return fullName.substring(CSI.getPackage().length() + 1);
  }

  private static void collect(Descriptor d, Set<String> messages, Set<String> enums) {
    if (d.getOptions().getMapEntry()) {
      return;
    }
    messages.add(relativeName(d.getFullName()));
    d.getEnumTypes().forEach(e -> enums.add(relativeName(e.getFullName())));
    d.getNestedTypes().forEach(n -> collect(n, messages, enums));
  }

  private static void forEachMessage(Consumer<Descriptor> action) {
    List<Descriptor> todo = new ArrayList<>(CSI.getMessageTypes());
    while (!todo.isEmpty()) {
      Descriptor d = todo.remove(todo.size() - 1);
      action.accept(d);
      todo.addAll(d.getNestedTypes());
    }
  }

  private static void forEachField(Consumer<FieldDescriptor> action) {
    forEachMessage(d -> d.getFields().forEach(action));
  }

  private static void forEachEnum(Consumer<EnumDescriptor> action) {
    CSI.getEnumTypes().forEach(action);
    forEachMessage(d -> d.getEnumTypes().forEach(action));
  }

  /**
   * Asserts that every field is set to a non-default value (non-empty for repeated and map fields),
   * exactly one member of every oneof is set, and the same holds recursively for nested messages.
   */
  private static void assertFullyPopulated(Message m, String path) {
    Descriptor d = m.getDescriptorForType();
    for (OneofDescriptor o : d.getOneofs()) {
      assertTrue(m.hasOneof(o), path + ": oneof " + o.getName() + " not set");
    }
    for (FieldDescriptor f : d.getFields()) {
      String fieldPath = path + "." + f.getName();
      if (f.getContainingOneof() != null) {
        if (m.hasField(f) && f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          assertFullyPopulated((Message) m.getField(f), fieldPath);
        }
      } else if (f.isRepeated()) {
        assertTrue(m.getRepeatedFieldCount(f) > 0, fieldPath + " is empty");
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE && !f.isMapField()) {
          for (int i = 0; i < m.getRepeatedFieldCount(f); i++) {
            assertFullyPopulated((Message) m.getRepeatedField(f, i), fieldPath + "[" + i + "]");
          }
        }
      } else {
        assertTrue(m.hasField(f), fieldPath + " is not set");
        if (f.getJavaType() == FieldDescriptor.JavaType.MESSAGE) {
          assertFullyPopulated((Message) m.getField(f), fieldPath);
        }
      }
    }
  }

  private static String hex(Message m) {
    return HexFormat.of().formatHex(m.toByteArray());
  }

  private static CapacityRange capacityRange() {
    return CapacityRange.newBuilder().setRequiredBytes(1L << 30).setLimitBytes(1L << 31).build();
  }

  private static VolumeCapability mountCapability() {
    return VolumeCapability.newBuilder()
        .setMount(
            VolumeCapability.MountVolume.newBuilder()
                .setFsType("ext4")
                .addMountFlags("noatime")
                .setVolumeMountGroup("1000"))
        .setAccessMode(accessMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER))
        .build();
  }

  private static VolumeCapability blockCapability() {
    return VolumeCapability.newBuilder()
        .setBlock(VolumeCapability.BlockVolume.getDefaultInstance())
        .setAccessMode(accessMode(VolumeCapability.AccessMode.Mode.MULTI_NODE_MULTI_WRITER))
        .build();
  }

  private static VolumeCapability.AccessMode accessMode(VolumeCapability.AccessMode.Mode mode) {
    return VolumeCapability.AccessMode.newBuilder().setMode(mode).build();
  }

  private static Topology topology(String zone) {
    return Topology.newBuilder().putSegments("topology.kubernetes.io/zone", zone).build();
  }

  private static Volume volume() {
    return Volume.newBuilder()
        .setCapacityBytes(1L << 30)
        .setVolumeId("vol-1")
        .putVolumeContext("pool", "replicapool")
        .setContentSource(
            VolumeContentSource.newBuilder()
                .setVolume(VolumeContentSource.VolumeSource.newBuilder().setVolumeId("vol-0")))
        .addAccessibleTopology(topology("zone-a"))
        .build();
  }

  private static Snapshot snapshot() {
    return Snapshot.newBuilder()
        .setSizeBytes(1L << 30)
        .setSnapshotId("snap-1")
        .setSourceVolumeId("vol-1")
        .setCreationTime(Timestamp.newBuilder().setSeconds(1_700_000_000L).setNanos(5))
        .setReadyToUse(true)
        .setGroupSnapshotId("group-1")
        .build();
  }

  private static VolumeCondition condition() {
    return VolumeCondition.newBuilder().setAbnormal(true).setMessage("degraded").build();
  }

  private static PluginCapability pluginService(PluginCapability.Service.Type type) {
    return PluginCapability.newBuilder()
        .setService(PluginCapability.Service.newBuilder().setType(type))
        .build();
  }

  private static ControllerServiceCapability controllerCap(
      ControllerServiceCapability.RPC.Type type) {
    return ControllerServiceCapability.newBuilder()
        .setRpc(ControllerServiceCapability.RPC.newBuilder().setType(type))
        .build();
  }
}
