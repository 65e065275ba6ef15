package io.strata.node.fs;

import io.strata.node.exec.Command;
import io.strata.node.exec.CommandRunner;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes a filesystem on a blank device. Defaults suit thin-provisioned RBD images: never discard (a
 * fresh image has nothing to discard, and discarding every block of a large image takes minutes),
 * ext4 without reserved blocks and with lazy inode-table and journal initialisation so mkfs does
 * not write the whole device, xfs with {@code -K} for the same reason. A StorageClass's {@code
 * mkfsOptions} replaces the defaults, as in ceph-csi.
 */
public final class Formatter {
  public static final Set<String> SUPPORTED = Set.of("ext4", "ext3", "xfs");
  public static final String DEFAULT_FS = "ext4";
  static final Duration TIMEOUT = Duration.ofMinutes(10);

  private static final List<String> EXT_DEFAULTS =
      List.of("-m0", "-Enodiscard,lazy_itable_init=1,lazy_journal_init=1");
  private static final Map<String, List<String>> DEFAULTS =
      Map.of("ext4", EXT_DEFAULTS, "ext3", EXT_DEFAULTS, "xfs", List.of("-K"));

  private final CommandRunner runner;

  public Formatter(CommandRunner runner) {
    this.runner = runner;
  }

  /**
   * @param mkfsOptions whitespace-separated mkfs arguments; blank means the defaults
   */
  public void format(String device, String fsType, String mkfsOptions) {
    runner.check(command(device, fsType, mkfsOptions));
  }

  static Command command(String device, String fsType, String mkfsOptions) {
    if (!SUPPORTED.contains(fsType)) {
      throw new IllegalArgumentException("unsupported filesystem " + fsType);
    }
    List<String> argv = new ArrayList<>(List.of("mkfs." + fsType));
    if (mkfsOptions == null || mkfsOptions.isBlank()) {
      argv.addAll(DEFAULTS.get(fsType));
    } else {
      argv.addAll(Arrays.asList(mkfsOptions.strip().split("\\s+")));
    }
    argv.add(device);
    return Command.of(argv).timeout(TIMEOUT);
  }
}
