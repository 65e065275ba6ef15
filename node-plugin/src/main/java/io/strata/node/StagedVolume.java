package io.strata.node;

import io.strata.node.state.AccessType;
import java.nio.file.Path;

/**
 * A volume staged on this node, as the shared publish and stats code sees it.
 *
 * @param stagedPath what publish binds: the staging directory, or the block file in it
 * @param device the block device behind an RBD volume, empty for CephFS
 * @param inPlace whether the staged path is mounted as the stage left it (read from the mount table
 *     when the volume was looked up)
 */
public record StagedVolume(
    String volumeId,
    Path staging,
    Path stagedPath,
    AccessType accessType,
    String device,
    boolean inPlace) {}
