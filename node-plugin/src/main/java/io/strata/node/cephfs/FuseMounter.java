package io.strata.node.cephfs;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.attach.CephArgs;
import io.strata.node.exec.Command;
import io.strata.node.exec.KeyFile;
import io.strata.node.fuse.FuseDaemon;
import io.strata.node.mount.MountTable;
import io.strata.node.state.VolumeKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ceph-fuse, one daemon per staged volume, mounted on the staging path and limited to the subvolume
 * ({@code -r}); run by {@link FuseDaemon} so it outlives the plugin, logging to {@code
 * <fuseRoot>/<volume key>.log}. The key reaches it in a key file deleted once the mount is up:
 * ceph-fuse mounts only after it has authenticated and opened the subvolume. It reports the
 * subvolume's quota as the filesystem size (client_quota_df, on by default).
 */
final class FuseMounter implements CephFsMounter {
  static final String PROGRAM = "ceph-fuse";
  static final String FS_TYPE = "fuse.ceph-fuse";

  private final FuseDaemon fuse;
  private final MountTable mounts;
  private final CephArgs cephArgs;
  private final Path fuseRoot;
  private final Path keyDir;

  FuseMounter(FuseDaemon fuse, MountTable mounts, CephArgs cephArgs, Path fuseRoot, Path keyDir) {
    this.fuse = fuse;
    this.mounts = mounts;
    this.cephArgs = cephArgs;
    this.fuseRoot = fuseRoot;
    this.keyDir = keyDir;
  }

  @Override
  public String name() {
    return CephFsMounters.FUSE;
  }

  @Override
  public long mount(CephFsRecord record, ConnectionSpec connection) {
    Optional<Long> running = fuse.running(PROGRAM, record.staging());
    if (running.isPresent()) {
      return running.get();
    }
    fuse.stop(PROGRAM, record.staging(), 0); // a dead daemon's mount would fail the new one
    String key = connection.key();
    try (KeyFile keyFile = KeyFile.write(keyDir, key)) {
      Command command = command(record, connection, keyFile.path()).redacting(key);
      return fuse.start(
          command,
          record.staging(),
          logFile(record),
          cephArgs.mountTimeout(),
          "volume "
              + record.volumeId()
              + " ("
              + record.fsName()
              + ":"
              + record.subvolumePath()
              + ")");
    }
  }

  Command command(CephFsRecord record, ConnectionSpec connection, Path keyFile) {
    List<String> argv = new ArrayList<>(List.of(PROGRAM, record.stagingPath(), "-f"));
    argv.addAll(cephArgs.of(connection, keyFile));
    argv.addAll(List.of("--log-file=" + logFile(record), "--admin-socket="));
    argv.add("--client_fs=" + record.fsName());
    argv.addAll(List.of("-r", record.subvolumePath()));
    if (!record.options().isEmpty()) {
      argv.addAll(List.of("-o", String.join(",", record.options())));
    }
    return Command.of(argv);
  }

  @Override
  public void unmount(CephFsRecord record) {
    fuse.stop(PROGRAM, record.staging(), record.daemonPid());
    try {
      Files.deleteIfExists(logFile(record));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove " + logFile(record), e);
    }
  }

  @Override
  public boolean isMounted(Path staging) {
    return mounts.at(staging).filter(m -> m.fsType().equals(FS_TYPE)).isPresent();
  }

  @Override
  public Optional<String> problem(CephFsRecord record) {
    return fuse.problem(PROGRAM, record.staging(), record.daemonPid());
  }

  private Path logFile(CephFsRecord record) {
    return fuseRoot.resolve(VolumeKey.of(record.volumeId()) + ".log");
  }
}
