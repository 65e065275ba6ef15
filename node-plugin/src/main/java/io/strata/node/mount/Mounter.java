package io.strata.node.mount;

import io.strata.node.exec.Command;
import io.strata.node.exec.CommandRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Mounts and unmounts with util-linux {@code mount}/{@code umount}: a filesystem with options, a
 * bind mount (read-only by a second {@code remount,bind,ro}, as the kernel ignores ro on the first
 * bind), and unmount. Callers check the {@link MountTable} for idempotency; this class only acts.
 */
public final class Mounter {
  static final Duration TIMEOUT = Duration.ofSeconds(60);

  private final CommandRunner runner;

  public Mounter(CommandRunner runner) {
    this.runner = runner;
  }

  public void mount(String source, Path target, String fsType, List<String> options) {
    runner.check(mountCommand(source, target, fsType, options));
  }

  static Command mountCommand(String source, Path target, String fsType, List<String> options) {
    List<String> argv = new ArrayList<>(List.of("mount"));
    if (fsType != null && !fsType.isEmpty()) {
      argv.addAll(List.of("-t", fsType));
    }
    List<String> clean = options.stream().map(String::strip).filter(o -> !o.isEmpty()).toList();
    if (!clean.isEmpty()) {
      argv.addAll(List.of("-o", String.join(",", clean)));
    }
    argv.add(source);
    argv.add(target.toString());
    return Command.of(argv).timeout(TIMEOUT);
  }

  /** Binds {@code source} (a directory or a device node) onto {@code target}. */
  public void bind(Path source, Path target, boolean readOnly, List<String> options) {
    runner.check(bindCommand(source, target));
    if (readOnly || !options.isEmpty()) {
      runner.check(remountCommand(target, readOnly, options));
    }
  }

  static Command bindCommand(Path source, Path target) {
    return Command.of("mount", "--bind", source.toString(), target.toString()).timeout(TIMEOUT);
  }

  static Command remountCommand(Path target, boolean readOnly, List<String> options) {
    List<String> all = new ArrayList<>(List.of("remount", "bind"));
    if (readOnly) {
      all.add("ro");
    }
    options.stream().map(String::strip).filter(o -> !o.isEmpty()).forEach(all::add);
    return Command.of("mount", "-o", String.join(",", all), target.toString()).timeout(TIMEOUT);
  }

  public void unmount(Path target) {
    runner.check(Command.of("umount", target.toString()).timeout(TIMEOUT));
  }

  /**
   * Detaches a mount whose filesystem no longer answers (a FUSE daemon that died): a plain umount
   * would fail on "transport endpoint is not connected".
   */
  public void lazyUnmount(Path target) {
    runner.check(Command.of("umount", "-l", target.toString()).timeout(TIMEOUT));
  }
}
