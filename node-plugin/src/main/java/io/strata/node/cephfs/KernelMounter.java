package io.strata.node.cephfs;

import io.strata.ceph.ConnectionSpec;
import io.strata.node.exec.KeyFile;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The kernel CephFS client: {@code mount -t ceph <mon1,mon2>:<subvolume path> <staging> -o
 * name=<user>,secretfile=<key file>,mds_namespace=<fs>,...}. mount.ceph reads the key file and
 * hands the key to the kernel, so the file goes as soon as mount returns; the mount lives in the
 * kernel and survives any restart of the plugin.
 *
 * <p>The monitors are passed as configured. The kernel speaks msgr1 to them unless {@code
 * kernelMountOptions} sets {@code ms_mode} (crc, secure, prefer-crc, prefer-secure; Linux 5.11 and
 * later), so without it the cluster configuration must list the v1 ports (6789).
 */
final class KernelMounter implements CephFsMounter {
  static final String FS_TYPE = "ceph";

  private final Mounter mounter;
  private final MountTable mounts;
  private final Unmounter unmounter;
  private final Path keyDir;

  KernelMounter(Mounter mounter, MountTable mounts, Path keyDir) {
    this.mounter = mounter;
    this.mounts = mounts;
    this.unmounter = new Unmounter(mounter, mounts);
    this.keyDir = keyDir;
  }

  @Override
  public String name() {
    return CephFsMounters.KERNEL;
  }

  @Override
  public long mount(CephFsRecord record, ConnectionSpec connection) {
    if (isMounted(record.staging())) {
      return 0;
    }
    try (KeyFile keyFile = KeyFile.write(keyDir, connection.key())) {
      mounter.mount(
          source(record, connection),
          record.staging(),
          FS_TYPE,
          options(record, connection, keyFile.path()));
    }
    return 0;
  }

  static String source(CephFsRecord record, ConnectionSpec connection) {
    return String.join(",", connection.monitors()) + ":" + record.subvolumePath();
  }

  static List<String> options(CephFsRecord record, ConnectionSpec connection, Path keyFile) {
    List<String> options = new ArrayList<>();
    options.add("name=" + connection.user());
    options.add("secretfile=" + keyFile);
    options.add("mds_namespace=" + record.fsName());
    options.addAll(record.options());
    return options;
  }

  @Override
  public void unmount(CephFsRecord record) {
    unmounter.unmountAll(record.staging());
  }

  @Override
  public boolean isMounted(Path staging) {
    return mounts.at(staging).filter(m -> m.fsType().equals(FS_TYPE)).isPresent();
  }

  @Override
  public Optional<String> problem(CephFsRecord record) {
    return isMounted(record.staging())
        ? Optional.empty()
        : Optional.of("CephFS is not mounted at " + record.staging());
  }
}
