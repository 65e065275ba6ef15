package io.strata.operator.local;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Debian root filesystem whose Ceph daemons a local cluster runs instead of the host's, so one
 * machine serves clusters of several Ceph releases (Debian 12's 16, trixie's 18, forky's 20) to the
 * same host-side clients. Each daemon runs under bubblewrap: the root as {@code /}, fresh /proc and
 * /dev, the host's network, and the cluster directory bound at its own path, so ceph.conf and every
 * path in it read the same inside and out. The mounts live in the daemon's own mount namespace and
 * vanish with it; nothing is left mounted on the host.
 *
 * @param directory the root filesystem, as {@code deploy/image/build --image ceph --rootfs DIR}
 *     writes it
 */
public record CephRoot(Path directory) {
  /** The program that runs a daemon inside the root (Debian package bubblewrap). */
  public static final CephPackages.Requirement BUBBLEWRAP =
      new CephPackages.Requirement("bwrap", false, "bubblewrap");

  private static final List<String> DAEMONS =
      List.of("ceph-mon", "ceph-mgr", "ceph-osd", "ceph-mds");

  public CephRoot {
    directory = directory.toAbsolutePath().normalize();
  }

  /** The root a flag or property names, or the host's Ceph when it is null or blank. */
  public static Optional<CephRoot> of(String directoryOrBlank) {
    return Optional.ofNullable(directoryOrBlank)
        .filter(value -> !value.isBlank())
        .map(value -> new CephRoot(Path.of(value)));
  }

  /**
   * {@code base} for the host's Ceph, {@code base-<root name>} for a root: clusters of different
   * releases never share a directory (the one made first would be refused to the other).
   */
  public static Path directoryFor(Path base, Optional<CephRoot> root) {
    return root.map(
            r -> base.resolveSibling(base.getFileName() + "-" + r.directory().getFileName()))
        .orElse(base);
  }

  /**
   * @throws IllegalStateException when the directory holds no Ceph daemons, naming the command that
   *     makes a root that does
   */
  public void check() {
    List<String> missing =
        DAEMONS.stream()
            .filter(daemon -> !Files.isRegularFile(directory.resolve("usr/bin").resolve(daemon)))
            .toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          directory
              + " is not a Ceph root (no usr/bin/"
              + String.join(", usr/bin/", missing)
              + "); make one with: deploy/image/build --image ceph --suite forky --rootfs "
              + directory);
    }
  }

  /** {@code command} as it runs inside the root with {@code clusterDirectory} visible. */
  public List<String> wrap(List<String> command, Path clusterDirectory) {
    String cluster = clusterDirectory.toAbsolutePath().normalize().toString();
    List<String> argv =
        new ArrayList<>(
            List.of(
                BUBBLEWRAP.file(),
                "--bind",
                directory.toString(),
                "/",
                "--proc",
                "/proc",
                "--dev",
                "/dev",
                "--ro-bind",
                "/sys",
                "/sys",
                "--bind",
                cluster,
                cluster,
                // Debian's Ceph 20 defaults osd_class_dir to a relative lib/.../rados-classes,
                // found only from /, where containers start too.
                "--chdir",
                "/",
                "--"));
    argv.addAll(command);
    return List.copyOf(argv);
  }
}
