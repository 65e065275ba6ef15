package io.strata.controller.flow;

import java.util.Map;
import java.util.Optional;

/** A volume as CreateVolume, ListVolumes and ControllerGetVolume report it. */
public record ProvisionedVolume(
    String volumeId,
    long capacityBytes,
    Map<String, String> context,
    Optional<VolumeSource> source) {}
