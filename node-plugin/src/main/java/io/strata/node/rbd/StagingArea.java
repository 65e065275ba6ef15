package io.strata.node.rbd;

import io.strata.csi.CsiException;
import io.strata.node.fs.DeviceProbe;
import io.strata.node.fs.Formatter;
import io.strata.node.mount.MountEntry;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import io.strata.node.state.AccessType;
import io.strata.node.state.StageRecord;
import io.strata.node.state.VolumeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What lives at a staging path once a device is attached. Filesystem volumes: the device, formatted
 * if (and only if) blank, mounted at the staging directory. Block volumes: the device node bound
 * onto a file {@code <staging>/<volume key>}, so the stage is visible in the mount table and
 * publish binds from there.
 */
public final class StagingArea {
  private final DeviceProbe probe;
  private final Formatter formatter;
  private final Mounter mounter;
  private final MountTable mounts;
  private final Unmounter unmounter;

  public StagingArea(DeviceProbe probe, Formatter formatter, Mounter mounter, MountTable mounts) {
    this.probe = probe;
    this.formatter = formatter;
    this.mounter = mounter;
    this.mounts = mounts;
    this.unmounter = new Unmounter(mounter, mounts);
  }

  /** Where the volume is visible once staged: the staging directory or the block file in it. */
  public static Path stagedPath(StageRecord record) {
    return record.accessType() == AccessType.BLOCK
        ? record.staging().resolve(VolumeKey.of(record.volumeId()))
        : record.staging();
  }

  public boolean isStaged(StageRecord record) {
    return mounts.at(stagedPath(record)).filter(m -> showsDevice(m, record.device())).isPresent();
  }

  /** Formats when blank, then mounts or binds; each step is skipped when already done. */
  public void prepare(StageRecord record, String mkfsOptions) {
    Path target = stagedPath(record);
    try {
      Files.createDirectories(record.staging());
      if (record.accessType() == AccessType.BLOCK && !Files.exists(target)) {
        Files.createFile(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + target, e);
    }
    if (mounts.isMountPoint(target)) {
      return;
    }
    if (record.accessType() == AccessType.BLOCK) {
      mounter.bind(Path.of(record.device()), target, record.readOnly(), List.of());
      return;
    }
    formatIfBlank(record, mkfsOptions);
    mounter.mount(record.device(), target, record.fsType(), mountOptions(record));
  }

  private void formatIfBlank(StageRecord record, String mkfsOptions) {
    DeviceProbe.Signature signature = probe.probe(record.device());
    if (signature.isBlank()) {
      if (record.readOnly()) {
        throw CsiException.failedPrecondition(
            "volume "
                + record.volumeId()
                + " holds no filesystem and is attached read-only, so it cannot be formatted");
      }
      formatter.format(record.device(), record.fsType(), mkfsOptions);
    } else if (!signature.fsType().map(record.fsType()::equals).orElse(false)) {
      throw CsiException.failedPrecondition(
          "volume "
              + record.volumeId()
              + " holds "
              + signature.describe()
              + ", not the requested "
              + record.fsType()
              + " filesystem");
    }
  }

  static List<String> mountOptions(StageRecord record) {
    List<String> options = new ArrayList<>(record.mountFlags());
    if (record.fsType().equals("xfs") && !options.contains("nouuid")) {
      options.add("nouuid"); // clones and restores share the source's UUID
    }
    if (record.readOnly() && !options.contains("ro")) {
      options.add("ro");
    }
    return options;
  }

  /** Mount points other than the staged path where the device is still in use (publishes). */
  public List<Path> otherUses(StageRecord record) {
    Path staged = stagedPath(record);
    return mounts.entries().stream()
        .filter(m -> showsDevice(m, record.device()))
        .map(MountEntry::mountPoint)
        .filter(p -> !p.equals(staged))
        .toList();
  }

  /** Unmounts everything stacked at the staged path and removes the block file. */
  public void clear(StageRecord record) {
    Path target = stagedPath(record);
    unmountAll(target);
    try {
      if (record.accessType() == AccessType.BLOCK) {
        Files.deleteIfExists(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + target, e);
    }
  }

  /** Unmounts every mount stacked at {@code path}. */
  public void unmountAll(Path path) {
    unmounter.unmountAll(path);
  }

  /** A filesystem mounted from the device, or the device node itself bound somewhere. */
  static boolean showsDevice(MountEntry mount, String device) {
    if (mount.source().equals(device) && mount.root().equals("/")) {
      return true;
    }
    String node = "/" + Path.of(device).getFileName();
    return device.startsWith("/dev/")
        && mount.root().equals(node)
        && (mount.fsType().equals("devtmpfs") || mount.fsType().equals("tmpfs"));
  }
}
