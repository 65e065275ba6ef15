package io.strata.node.exec;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * Starts a daemon as this process's child through {@code setsid}, in a session of its own, reading
 * /dev/null and appending its output to a log file, so neither a signal to the starter's process
 * group nor a closed pipe reaches it when the starter dies. It still shares the starter's cgroup
 * (and container): what ends the container ends the daemon.
 */
public final class SessionLauncher implements DaemonLauncher {
  @Override
  public long launch(Command command, Path logFile) {
    List<String> argv = new ArrayList<>();
    argv.add("setsid");
    argv.addAll(command.argv());
    ProcessBuilder builder = new ProcessBuilder(argv);
    builder.environment().put("LC_ALL", "C");
    builder.environment().putAll(command.environment());
    builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    builder.redirectErrorStream(true);
    builder.redirectOutput(ProcessBuilder.Redirect.appendTo(privateFile(logFile).toFile()));
    try {
      // setsid execs in place (a fresh child is no group leader), so this pid is the daemon's
      return builder.start().pid();
    } catch (IOException e) {
      throw CommandException.notStarted(command, e);
    }
  }

  private static Path privateFile(Path file) {
    try {
      Files.createDirectories(file.getParent());
      if (!Files.exists(file)) {
        Files.createFile(
            file,
            PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      }
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create log file " + file, e);
    }
  }
}
