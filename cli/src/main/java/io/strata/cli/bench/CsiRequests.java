package io.strata.cli.bench;

import csi.v1.CapacityRange;
import csi.v1.CreateSnapshotRequest;
import csi.v1.CreateVolumeRequest;
import csi.v1.DeleteSnapshotRequest;
import csi.v1.DeleteVolumeRequest;
import csi.v1.VolumeCapability;
import csi.v1.VolumeContentSource;
import java.util.Map;
import java.util.Optional;

/**
 * What every request of a run carries, and the controller requests built from it. Secrets go into
 * requests only; nothing here logs them.
 *
 * @param parameters StorageClass parameters for CreateVolume
 * @param snapshotParameters VolumeSnapshotClass parameters for CreateSnapshot
 * @param fsType for mount access; empty leaves the plugin's default
 */
record CsiRequests(
    Map<String, String> parameters,
    Map<String, String> snapshotParameters,
    Map<String, String> secrets,
    AccessType accessType,
    String fsType) {

  /** How pods use a volume: through a filesystem, or as a raw block device. */
  enum AccessType {
    mount,
    block
  }

  CsiRequests {
    parameters = Map.copyOf(parameters);
    snapshotParameters = Map.copyOf(snapshotParameters);
    secrets = Map.copyOf(secrets);
    fsType = fsType == null ? "" : fsType;
  }

  VolumeCapability capability() {
    VolumeCapability.Builder capability =
        VolumeCapability.newBuilder()
            .setAccessMode(
                VolumeCapability.AccessMode.newBuilder()
                    .setMode(VolumeCapability.AccessMode.Mode.SINGLE_NODE_WRITER));
    if (accessType == AccessType.block) {
      capability.setBlock(VolumeCapability.BlockVolume.getDefaultInstance());
    } else {
      capability.setMount(VolumeCapability.MountVolume.newBuilder().setFsType(fsType));
    }
    return capability.build();
  }

  CreateVolumeRequest createVolume(String name, long sizeBytes, Optional<String> fromSnapshot) {
    CreateVolumeRequest.Builder request =
        CreateVolumeRequest.newBuilder()
            .setName(name)
            .setCapacityRange(CapacityRange.newBuilder().setRequiredBytes(sizeBytes))
            .addVolumeCapabilities(capability())
            .putAllParameters(parameters)
            .putAllSecrets(secrets);
    fromSnapshot.ifPresent(id ->
        request.setVolumeContentSource(
            VolumeContentSource.newBuilder()
                .setSnapshot(VolumeContentSource.SnapshotSource.newBuilder().setSnapshotId(id))));
    return request.build();
  }

  DeleteVolumeRequest deleteVolume(String volumeId) {
    return DeleteVolumeRequest.newBuilder().setVolumeId(volumeId).putAllSecrets(secrets).build();
  }

  CreateSnapshotRequest createSnapshot(String sourceVolumeId, String name) {
    return CreateSnapshotRequest.newBuilder()
        .setSourceVolumeId(sourceVolumeId)
        .setName(name)
        .putAllParameters(snapshotParameters)
        .putAllSecrets(secrets)
        .build();
  }

  DeleteSnapshotRequest deleteSnapshot(String snapshotId) {
    return DeleteSnapshotRequest.newBuilder()
        .setSnapshotId(snapshotId)
        .putAllSecrets(secrets)
        .build();
  }

  @Override
  public String toString() {
    return "CsiRequests[parameters="
        + parameters
        + ", snapshotParameters="
        + snapshotParameters
        + ", secrets="
        + secrets.keySet()
        + ", accessType="
        + accessType
        + ", fsType="
        + fsType
        + "]";
  }
}
