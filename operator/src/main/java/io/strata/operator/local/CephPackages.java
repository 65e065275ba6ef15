package io.strata.operator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that the host has what a local cluster and the CSI plugins run (daemons, FUSE clients, and
 * the unversioned librados.so/librbd.so that JNA loads), names the Debian packages that are
 * missing, and installs them with apt-get when running as root.
 */
public final class CephPackages {
  private static final Logger LOG = LoggerFactory.getLogger(CephPackages.class);

  /** A file the host needs and the Debian package that ships it. */
  public record Requirement(String file, boolean library, String debianPackage) {}

  public static final List<Requirement> REQUIRED =
      List.of(
          new Requirement("ceph-mon", false, "ceph-mon"),
          new Requirement("ceph-mgr", false, "ceph-mgr"),
          new Requirement("ceph-osd", false, "ceph-osd"),
          new Requirement("ceph-mds", false, "ceph-mds"),
          new Requirement("monmaptool", false, "ceph-base"),
          new Requirement("rbd-fuse", false, "rbd-fuse"),
          new Requirement("ceph-fuse", false, "ceph-fuse"),
          new Requirement("librados.so", true, "librados-dev"),
          new Requirement("librbd.so", true, "librbd-dev"));

  private final List<Path> binaryDirs;
  private final List<Path> libraryDirs;
  private final List<Requirement> requirements;

  public CephPackages(List<Path> binaryDirs, List<Path> libraryDirs) {
    this(binaryDirs, libraryDirs, REQUIRED);
  }

  private CephPackages(
      List<Path> binaryDirs, List<Path> libraryDirs, List<Requirement> requirements) {
    this.binaryDirs = List.copyOf(binaryDirs);
    this.libraryDirs = List.copyOf(libraryDirs);
    this.requirements = List.copyOf(requirements);
  }

  /** These packages and one more requirement (a tool only some setups use). */
  public CephPackages plus(Requirement requirement) {
    List<Requirement> more = new ArrayList<>(requirements);
    more.add(requirement);
    return new CephPackages(binaryDirs, libraryDirs, more);
  }

  /** Searches PATH and the usual system directories, as the shell and JNA would. */
  public static CephPackages ofHost() {
    List<Path> bins = new ArrayList<>(split(System.getenv("PATH")));
    bins.addAll(List.of(Path.of("/usr/sbin"), Path.of("/usr/bin"), Path.of("/sbin")));
    List<Path> libs = new ArrayList<>(split(System.getProperty("jna.library.path")));
    libs.addAll(split(System.getenv("LD_LIBRARY_PATH")));
    String triplet = multiarch(System.getProperty("os.arch"));
    libs.addAll(List.of(Path.of("/usr/lib", triplet), Path.of("/lib", triplet)));
    libs.addAll(List.of(Path.of("/usr/lib64"), Path.of("/usr/lib"), Path.of("/usr/local/lib")));
    return new CephPackages(bins, libs);
  }

  /** Debian packages to install, in a stable order; empty when nothing is missing. */
  public List<String> missingPackages() {
    Set<String> missing = new LinkedHashSet<>();
    for (Requirement requirement : requirements) {
      List<Path> dirs = requirement.library() ? libraryDirs : binaryDirs;
      boolean found =
          dirs.stream().map(d -> d.resolve(requirement.file())).anyMatch(Files::isRegularFile);
      if (!found) {
        missing.add(requirement.debianPackage());
      }
    }
    return List.copyOf(missing);
  }

  /**
   * Installs what is missing when running as root, otherwise fails naming the packages.
   *
   * @throws IllegalStateException when packages are missing and cannot be installed
   */
  public void ensureInstalled() {
    List<String> missing = missingPackages();
    if (missing.isEmpty()) {
      return;
    }
    if (!isRoot()) {
      throw new IllegalStateException(
          "missing Debian packages: "
              + String.join(" ", missing)
              + "; install them with: sudo apt-get install -y "
              + String.join(" ", missing));
    }
    LOG.info("installing missing Debian packages: {}", missing);
    for (List<String> command : installCommands(missing)) {
      execute(command);
    }
    List<String> still = missingPackages();
    if (!still.isEmpty()) {
      throw new IllegalStateException("still missing after apt-get install: " + still);
    }
  }

  /** apt-get update, then a non-interactive install without recommended extras. */
  public static List<List<String>> installCommands(List<String> packages) {
    List<String> install =
        new ArrayList<>(List.of("apt-get", "install", "-y", "--no-install-recommends"));
    install.addAll(packages);
    return List.of(List.of("apt-get", "update"), install);
  }

  private static void execute(List<String> command) {
    ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
    builder.environment().putAll(Map.of("DEBIAN_FRONTEND", "noninteractive"));
    try {
      Process process = builder.start();
      if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException(String.join(" ", command) + " could not start", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", command), e);
    }
  }

  static boolean isRoot() {
    try {
      return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue() == 0;
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  static String multiarch(String osArch) {
    return switch (osArch) {
      case "amd64", "x86_64" -> "x86_64-linux-gnu";
      case "aarch64", "arm64" -> "aarch64-linux-gnu";
      case "ppc64le" -> "powerpc64le-linux-gnu";
      case "s390x" -> "s390x-linux-gnu";
      default -> osArch + "-linux-gnu";
    };
  }

  private static List<Path> split(String pathList) {
    if (pathList == null || pathList.isBlank()) {
      return List.of();
    }
    List<Path> paths = new ArrayList<>();
    for (String part : pathList.split(":")) {
      if (!part.isBlank()) {
        paths.add(Path.of(part));
      }
    }
    return paths;
  }
}
