package io.strata.test.manifests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Builds a kustomization with the kustomize in kubectl, or a standalone kustomize, if on PATH. */
final class Kustomize {
  private final List<String> command;

  private Kustomize(List<String> command) {
    this.command = command;
  }

  /** {@code kubectl kustomize} or {@code kustomize build}, whichever is found first. */
  static Optional<Kustomize> find() {
    return onPath("kubectl")
        .map(k -> new Kustomize(List.of(k.toString(), "kustomize")))
        .or(() -> onPath("kustomize").map(k -> new Kustomize(List.of(k.toString(), "build"))));
  }

  String build(Path dir) {
    List<String> argv = new ArrayList<>(command);
    argv.add(dir.toString());
    try {
      Path errors = Files.createTempFile("kustomize", ".err");
      try {
        Process process = new ProcessBuilder(argv).redirectError(errors.toFile()).start();
        process.getOutputStream().close();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
          throw new IllegalStateException(
              String.join(" ", argv) + " failed: " + Files.readString(errors));
        }
        return out;
      } finally {
        Files.deleteIfExists(errors);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return String.join(" ", command);
  }

  private static Optional<Path> onPath(String program) {
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(File.pathSeparator)) {
      Path candidate = Path.of(dir, program);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
