package io.strata.node.cephfs;

import io.strata.ceph.ConnectionSpec;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Mounts a CephFS subvolume at a staging path and unmounts it: ceph-fuse or the kernel client. The
 * key is used only while mounting.
 */
interface CephFsMounter {

  /** The StorageClass {@code mounter} value naming this client. */
  String name();

  /** Mounts the recorded subvolume at its staging path; returns the daemon's pid, 0 for none. */
  long mount(CephFsRecord record, ConnectionSpec connection);

  /** Unmounts and stops what serves the mount; fine when nothing is there. Needs no cluster. */
  void unmount(CephFsRecord record);

  /** Whether this client's mount is at the staging path (it may still have stopped answering). */
  boolean isMounted(Path staging);

  /** What keeps a mounted volume from serving, empty when nothing does. */
  Optional<String> problem(CephFsRecord record);
}
