package io.strata.test.manifests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The repository's deployable files: {@code deploy/} and {@code provisioner-sidecar-config/}. The
 * build passes the root as {@code strata.repo}; from an IDE the working directory's ancestors are
 * searched.
 */
final class Repo {
  static final Path ROOT = findRoot();
  static final Path DEPLOY = ROOT.resolve("deploy");
  static final Path BASE = DEPLOY.resolve("base");
  static final Path OPERATOR = DEPLOY.resolve("operator");
  static final Path SIDECARS = ROOT.resolve("provisioner-sidecar-config");

  private Repo() {}

  /** Every YAML file below deploy/ and provisioner-sidecar-config/, in a stable order. */
  static List<Path> yamlFiles() {
    return Stream.of(DEPLOY, SIDECARS)
        .flatMap(Repo::walk)
        .filter(f -> f.toString().endsWith(".yaml") || f.toString().endsWith(".yml"))
        .sorted()
        .toList();
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String relative(Path file) {
    return ROOT.relativize(file.toAbsolutePath().normalize()).toString();
  }

  /** The project version the build passes in; the strata image tag must follow it. */
  static String projectVersion() {
    String version = System.getProperty("strata.version");
    if (version == null || version.isBlank()) {
      throw new IllegalStateException("run through Maven: strata.version is not set");
    }
    return version;
  }

  private static Stream<Path> walk(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).toList().stream();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path findRoot() {
    String configured = System.getProperty("strata.repo");
    if (configured != null && !configured.isBlank()) {
      return Path.of(configured).toAbsolutePath().normalize();
    }
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("deploy"))
          && Files.isDirectory(dir.resolve("provisioner-sidecar-config"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no deploy/ above " + Path.of("").toAbsolutePath());
  }
}
