package io.strata.operator.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * The processes of one session, read from /proc. A supervised process leads its own session
 * (setsid), so its session holds everything it spawned that did not detach, including children
 * already orphaned to init: stopping the session leaves nothing of it behind.
 */
final class Sessions {
  private static final Path PROC = Path.of("/proc");

  private Sessions() {}

  /** Whether the process leads a session of its own (setsid made it one). */
  static boolean leadsSession(ProcessHandle process) {
    return sessionOf(process.pid()).orElse(-1) == process.pid();
  }

  /**
   * Every running process of a session. The kernel keeps a session's id from being reused as a PID
   * while any member lives, so this stays right after the leader exited. Zombies are left out: they
   * have exited, and an orphan's may wait long for its reaper, so counting one would report a
   * process that outlived its SIGTERM when it died of it at once.
   */
  static List<ProcessHandle> members(long session) {
    List<ProcessHandle> members = new ArrayList<>();
    try (Stream<Path> entries = Files.list(PROC)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.chars().allMatch(Character::isDigit)
            && sessionOf(Long.parseLong(name)).orElse(-1) == session) {
          ProcessHandle.of(Long.parseLong(name)).filter(Sessions::running).ifPresent(members::add);
        }
      }
    } catch (IOException e) {
      // no /proc: nothing found
    }
    return members;
  }

  /**
   * Whether the process still runs: a zombie has exited and only waits for its parent (init, for an
   * orphan, which may take a while) to reap it.
   */
  static boolean running(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    try {
      String stat =
          Files.readAllLines(PROC.resolve(Long.toString(process.pid())).resolve("stat")).get(0);
      return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
    } catch (IOException | IndexOutOfBoundsException e) {
      return process.isAlive();
    }
  }

  /** Field 6 of /proc/PID/stat, counted after the command name, which may hold spaces. */
  static OptionalLong sessionOf(long pid) {
    try {
      String stat = Files.readAllLines(PROC.resolve(Long.toString(pid)).resolve("stat")).get(0);
      return parseSession(stat);
    } catch (IOException | IndexOutOfBoundsException e) {
      return OptionalLong.empty();
    }
  }

  static OptionalLong parseSession(String stat) {
    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    try {
      return fields.length > 3 ? OptionalLong.of(Long.parseLong(fields[3])) : OptionalLong.empty();
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }
}
