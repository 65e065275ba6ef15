package io.strata.cli.bench;

import java.nio.file.Path;

/**
 * Where stage-publish puts volumes, one directory per volume name below each root: the staging path
 * (the CO creates it, as kubelet does) and the target path (the plugin creates it; the CO only
 * makes its parent).
 */
record NodePaths(Path stagingRoot, Path targetRoot) {
  Path staging(Volume volume) {
    return stagingRoot.resolve(volume.name());
  }

  Path target(Volume volume) {
    return targetRoot.resolve(volume.name());
  }
}
