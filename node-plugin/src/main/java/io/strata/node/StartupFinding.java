package io.strata.node;

import java.util.Optional;

/**
 * What a plugin found about one recorded volume when it started.
 *
 * @param source what serves the volume (a device, a subvolume path)
 * @param problem why the volume does not serve, empty when it does (repaired or never broken)
 */
public record StartupFinding(String volumeId, String source, Optional<String> problem) {}
