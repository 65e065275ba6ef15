package io.strata.node.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The cephx keys of volumes served by a FUSE daemon, kept so that a restarted plugin can remount a
 * volume whose daemon died: no request brings a key at start-up. One file per volume, 0600, written
 * at stage and deleted at unstage, so nothing stays behind once the volumes are gone. The directory
 * should be a tmpfs (the node's key directory, /dev/shm), so keys never reach a disk and vanish
 * with a reboot, which unmounts the volumes too. Files are named {@code kept-<scope hash>-<volume
 * key>}: plugins sharing a node's key directory (one scope each, their state directory) never see
 * each other's keys.
 */
public final class KeyStash {
  private final Path dir;
  private final String prefix;

  public KeyStash(Path dir, String scope) {
    this.dir = dir;
    this.prefix = "kept-" + VolumeKey.of(scope).substring(0, 16) + "-";
  }

  public void save(String volumeId, String key) {
    Path file = fileOf(volumeId);
    try {
      if (!Files.isDirectory(dir)) {
        Files.createDirectories(
            dir,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      }
      Path temp =
          Files.createTempFile(
              dir,
              ".key-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      Files.write(temp, key.strip().getBytes(StandardCharsets.US_ASCII));
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot keep the key of " + volumeId + " in " + dir, e);
    }
  }

  public Optional<String> find(String volumeId) {
    Path file = fileOf(volumeId);
    try {
      return Files.exists(file)
          ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII))
          : Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the kept key of " + volumeId, e);
    }
  }

  public void delete(String volumeId) {
    try {
      Files.deleteIfExists(fileOf(volumeId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the kept key of " + volumeId, e);
    }
  }

  /** Every key this stash keeps, for checks that nothing is left. */
  public List<Path> files() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.filter(f -> f.getFileName().toString().contains(prefix)).toList();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
  }

  Path fileOf(String volumeId) {
    return dir.resolve(prefix + VolumeKey.of(volumeId));
  }
}
