package io.strata.node.cephfs;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.strata.node.StageParams;
import io.strata.node.state.VolumeRecord;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What NodeStageVolume did for a CephFS volume, kept on disk (see {@link
 * io.strata.node.state.StageRecords}) so unstage works without the cluster and a restarted plugin
 * can mount it again: which subvolume is mounted where, by which client, as which cephx user (the
 * key is not here, see {@link io.strata.node.state.KeyStash}), with which options, and the
 * ceph-fuse pid.
 *
 * @param snapshotPath the snapshot directory, relative to the mount, shown at the staging path
 *     instead of the mount itself (a volume served from a snapshot); empty otherwise
 * @param mounter "fuse" or "kernel"
 * @param options the mounter's options besides credentials and filesystem: the StorageClass's, the
 *     capability's mount flags and "ro" for a read-only stage
 * @param daemonPid the ceph-fuse pid, 0 for the kernel client or before the daemon started
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CephFsRecord(
    int format,
    String volumeId,
    String stagingPath,
    String clusterId,
    String fsName,
    String subvolumePath,
    String snapshotPath,
    String mounter,
    String user,
    List<String> options,
    boolean readOnly,
    long daemonPid,
    String stagedAt)
    implements VolumeRecord {

  public static final int FORMAT = 1;

  public CephFsRecord {
    Objects.requireNonNull(volumeId, "volumeId");
    Objects.requireNonNull(stagingPath, "stagingPath");
    Objects.requireNonNull(mounter, "mounter");
    options = options == null ? List.of() : List.copyOf(options);
    snapshotPath = snapshotPath == null ? "" : snapshotPath; // records from before it existed
  }

  /** A record for a volume about to be mounted by {@code mounter}. */
  static CephFsRecord of(StageParams p, CephFsVolume volume, String mounter) {
    List<String> options = new ArrayList<>(volume.optionsFor(mounter));
    p.mountFlags().stream().filter(f -> !options.contains(f)).forEach(options::add);
    if ((p.readOnly() || volume.isSnapshot()) && !options.contains("ro")) {
      options.add("ro");
    }
    return new CephFsRecord(
        FORMAT,
        p.volumeId(),
        p.stagingPath().toString(),
        p.clusterId(),
        volume.fsName(),
        volume.subvolumePath(),
        volume.snapshotPath(),
        mounter,
        p.connection().user(),
        options,
        p.readOnly(),
        0,
        Instant.now().toString());
  }

  public Path staging() {
    return Path.of(stagingPath);
  }

  /** Whether the staging path shows a snapshot directory bound over the mount. */
  boolean showsSnapshot() {
    return !snapshotPath.isEmpty();
  }

  CephFsRecord withDaemonPid(long pid) {
    return new CephFsRecord(
        format,
        volumeId,
        stagingPath,
        clusterId,
        fsName,
        subvolumePath,
        snapshotPath,
        mounter,
        user,
        options,
        readOnly,
        pid,
        stagedAt);
  }
}
