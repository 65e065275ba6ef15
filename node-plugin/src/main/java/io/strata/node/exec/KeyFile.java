package io.strata.node.exec;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * A cephx key written to a file only root can read (0600) inside a private directory (0700) of its
 * own, for tools that take {@code --keyfile}. Close it as soon as the tool has read the key: the
 * file and its directory are deleted. Safe to close twice.
 */
public final class KeyFile implements AutoCloseable {
  private final Path directory;
  private final Path file;

  private KeyFile(Path directory, Path file) {
    this.directory = directory;
    this.file = file;
  }

  /**
   * @param base where private directories are made (a tmpfs such as /run keeps keys off disk)
   */
  public static KeyFile write(Path base, String key) {
    if (key == null || key.isBlank()) {
      throw new IllegalArgumentException("empty cephx key");
    }
    try {
      Files.createDirectories(base);
      Path directory =
          Files.createTempDirectory(
              base,
              "key-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      Path file =
          Files.createFile(
              directory.resolve("keyfile"),
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(file, key.strip().getBytes(StandardCharsets.US_ASCII));
      return new KeyFile(directory, file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a key file under " + base, e);
    }
  }

  public Path path() {
    return file;
  }

  @Override
  public void close() {
    try {
      Files.deleteIfExists(file);
      Files.deleteIfExists(directory);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove key file " + file, e);
    }
  }
}
