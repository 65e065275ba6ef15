package io.strata.node.attach;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.strata.node.exec.Command;
import io.strata.node.exec.CommandRunner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Loop devices over image files, with {@code losetup}: attach with direct I/O (the page cache of
 * the image file would otherwise hold a second copy of every block the filesystem above already
 * caches), find by backing file from {@code losetup --list --json} (never by stat of the file,
 * which blocks on a dead FUSE mount), detach, and re-read the size after the image grew.
 */
public final class LoopDevices {
  static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DELETED = " (deleted)";

  private final CommandRunner runner;

  public LoopDevices(CommandRunner runner) {
    this.runner = runner;
  }

  /** The loop device backed by {@code file}, created if there is none yet. */
  public String attach(Path file, boolean readOnly) {
    Optional<String> existing = find(file);
    if (existing.isPresent()) {
      return existing.get();
    }
    return runner.check(attachCommand(file, readOnly)).stdout().strip();
  }

  static Command attachCommand(Path file, boolean readOnly) {
    List<String> argv = new ArrayList<>(List.of("losetup", "--find", "--show", "--direct-io=on"));
    if (readOnly) {
      argv.add("--read-only");
    }
    argv.add(file.toString());
    return Command.of(argv).timeout(TIMEOUT);
  }

  public Optional<String> find(Path file) {
    String wanted = file.toString();
    return list().stream()
        .filter(d -> d.backingFile().equals(wanted))
        .map(LoopDevice::name)
        .findFirst();
  }

  /** Detaches the device if it is still attached; a device already gone is fine. */
  public void detach(String device) {
    if (list().stream().anyMatch(d -> d.name().equals(device))) {
      runner.check(Command.of("losetup", "--detach", device).timeout(TIMEOUT));
    }
  }

  /** Makes the device re-read the size of its backing file. */
  public void refreshSize(String device) {
    runner.check(Command.of("losetup", "--set-capacity", device).timeout(TIMEOUT));
  }

  public List<LoopDevice> list() {
    return parse(runner.check(listCommand()).stdout());
  }

  static Command listCommand() {
    return Command.of("losetup", "--list", "--json", "--output", "NAME,BACK-FILE,RO")
        .timeout(TIMEOUT);
  }

  static List<LoopDevice> parse(String json) {
    if (json.isBlank()) {
      return List.of();
    }
    try {
      List<LoopDevice> devices = new ArrayList<>();
      for (JsonNode node : JSON.readTree(json).path("loopdevices")) {
        String file = node.path("back-file").asText("");
        boolean deleted = file.endsWith(DELETED);
        if (deleted) {
          file = file.substring(0, file.length() - DELETED.length());
        }
        devices.add(
            new LoopDevice(
                node.path("name").asText(), file, deleted, node.path("ro").asBoolean(false)));
      }
      return devices;
    } catch (IOException e) {
      throw new UncheckedIOException("unparsable losetup output: " + e.getMessage(), e);
    }
  }

  /** One loop device; {@code deleted} when its backing file was removed while attached. */
  public record LoopDevice(String name, String backingFile, boolean deleted, boolean readOnly) {}
}
