package io.strata.controller.flow;

import java.util.Map;

/** A volume as CreateVolume reports it. */
public record ProvisionedVolume(String volumeId, long capacityBytes, Map<String, String> context) {}
