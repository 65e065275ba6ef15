package io.strata.node.fs;

import io.strata.node.exec.Command;
import io.strata.node.exec.CommandResult;
import io.strata.node.exec.CommandRunner;
import java.time.Duration;
import java.util.Optional;

/**
 * Tells a blank device from one that holds data, with {@code blkid -p} (a low-level probe that
 * reads the device itself, not blkid's cache). Exit code 2 means no signature at all: the only case
 * in which formatting is safe.
 */
public final class DeviceProbe {
  static final int NOTHING_FOUND = 2;
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final CommandRunner runner;

  public DeviceProbe(CommandRunner runner) {
    this.runner = runner;
  }

  /** What the device holds, or {@link Signature#BLANK}. */
  public Signature probe(String device) {
    CommandResult result = runner.run(command(device));
    if (result.exitCode() == NOTHING_FOUND) {
      return Signature.BLANK;
    }
    return parse(result.orThrow().stdout());
  }

  static Command command(String device) {
    return Command.of("blkid", "-p", "-o", "export", device).timeout(TIMEOUT);
  }

  /** Reads {@code KEY=value} lines: TYPE for a filesystem, PTTYPE for a partition table. */
  static Signature parse(String export) {
    String type = null;
    String partitionTable = null;
    for (String line : export.split("\n")) {
      int eq = line.indexOf('=');
      if (eq <= 0) {
        continue;
      }
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      if (key.equals("TYPE")) {
        type = value;
      } else if (key.equals("PTTYPE")) {
        partitionTable = value;
      }
    }
    return new Signature(Optional.ofNullable(type), Optional.ofNullable(partitionTable));
  }

  /** A device's signature: a filesystem type, a partition table, both or neither. */
  public record Signature(Optional<String> fsType, Optional<String> partitionTable) {
    public static final Signature BLANK = new Signature(Optional.empty(), Optional.empty());

    public boolean isBlank() {
      return fsType.isEmpty() && partitionTable.isEmpty();
    }

    public String describe() {
      return fsType
          .map(t -> "a " + t + " filesystem")
          .or(() -> partitionTable.map(p -> "a " + p + " partition table"))
          .orElse("nothing");
    }
  }
}
