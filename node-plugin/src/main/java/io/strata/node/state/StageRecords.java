package io.strata.node.state;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage records as JSON files under the plugin's state directory, one per volume, named by {@link
 * VolumeKey}: {@code <dir>/<sha256 of volume id>.json}. Each backend has its record type ({@link
 * StageRecord} for RBD) and a plugin serves one backend, so one directory holds one type. Unlike a
 * file beside the staging path, a restarted plugin can list them all. Writes go to a temporary file
 * that is synced and renamed over the old one, so a crash leaves the old record or the new one,
 * never half of either.
 */
public final class StageRecords<T extends VolumeRecord> {
  private static final Logger LOG = LoggerFactory.getLogger(StageRecords.class);
  private static final String SUFFIX = ".json";

  private final Path dir;
  private final Class<T> type;
  private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public StageRecords(Path dir, Class<T> type) {
    this.dir = dir;
    this.type = type;
  }

  /** The RBD plugin's records. */
  public static StageRecords<StageRecord> rbd(Path dir) {
    return new StageRecords<>(dir, StageRecord.class);
  }

  public void save(T record) {
    Path file = fileOf(record.volumeId());
    try {
      Files.createDirectories(dir);
      Path temp =
          Files.createTempFile(
              dir,
              ".stage-",
              ".tmp",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
        ByteBuffer bytes = ByteBuffer.wrap(json.writeValueAsBytes(record));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save stage record " + file, e);
    }
  }

  public Optional<T> find(String volumeId) {
    Path file = fileOf(volumeId);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    return Optional.of(read(file));
  }

  public void delete(String volumeId) {
    try {
      Files.deleteIfExists(fileOf(volumeId));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete stage record of " + volumeId, e);
    }
  }

  /** How many records {@code dir} holds, without reading them. */
  public static int count(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return (int) files.filter(f -> f.toString().endsWith(SUFFIX)).count();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list stage records in " + dir, e);
    }
  }

  /** Every record; an unreadable file is logged and skipped so one bad file blocks nothing. */
  public List<T> all() {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    List<T> records = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(f -> f.toString().endsWith(SUFFIX)).sorted().toList()) {
        try {
          records.add(read(file));
        } catch (UncheckedIOException e) {
          LOG.warn("skipping unreadable stage record {}: {}", file, e.getMessage());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + dir, e);
    }
    return records;
  }

  Path fileOf(String volumeId) {
    return dir.resolve(VolumeKey.of(volumeId) + SUFFIX);
  }

  private T read(Path file) {
    try {
      return json.readValue(file.toFile(), type);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stage record " + file, e);
    }
  }
}
