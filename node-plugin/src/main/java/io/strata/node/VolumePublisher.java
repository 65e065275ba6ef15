package io.strata.node;

import io.strata.csi.CsiException;
import io.strata.node.mount.MountEntry;
import io.strata.node.mount.MountTable;
import io.strata.node.mount.Mounter;
import io.strata.node.mount.Unmounter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * NodePublishVolume and NodeUnpublishVolume for every backend: bind the staged filesystem (a
 * directory target) or the staged device (a file target) into the workload's path, read-only when
 * asked; and undo it. Publish creates the target, unpublish removes it; both are idempotent. A
 * target left showing something other than the stage (a bind of a FUSE mount that died and was
 * mounted again since) is bound afresh.
 */
public final class VolumePublisher {
  private static final Logger LOG = LoggerFactory.getLogger(VolumePublisher.class);

  private final NodeBackend backend;
  private final Mounter mounter;
  private final MountTable mounts;
  private final Unmounter unmounter;

  public VolumePublisher(NodeBackend backend, Mounter mounter, MountTable mounts) {
    this.backend = backend;
    this.mounter = mounter;
    this.mounts = mounts;
    this.unmounter = new Unmounter(mounter, mounts);
  }

  public void publish(PublishParams p) {
    StagedVolume volume =
        backend
            .find(p.volumeId())
            .filter(v -> v.staging().equals(p.stagingPath()) && v.inPlace())
            .orElseThrow(() ->
                CsiException.failedPrecondition(
                    "volume " + p.volumeId() + " is not staged at " + p.stagingPath()));
    if (volume.accessType() != p.accessType()) {
      throw CsiException.invalidArgument(
          "volume "
              + p.volumeId()
              + " was staged for "
              + volume.accessType()
              + " access, not "
              + p.accessType());
    }
    Optional<MountEntry> existing = mounts.at(p.targetPath());
    if (existing.isPresent()) {
      if (existing.get().isReadOnly() != p.readOnly()) {
        throw CsiException.alreadyExists(
            "volume "
                + p.volumeId()
                + " is already published at "
                + p.targetPath()
                + (p.readOnly() ? " read-write" : " read-only"));
      }
      if (showsStage(volume, p.targetPath())) {
        return;
      }
    }
    // before anything is unmounted or created: a path that is not ours stays as it is
    PublishTarget.check(p.targetPath(), p.accessType(), existing.isPresent());
    if (existing.isPresent()) {
      LOG.warn("{} no longer shows volume {}; binding it again", p.targetPath(), p.volumeId());
      unmounter.unmountAll(p.targetPath());
    }
    PublishTarget.create(p.targetPath(), p.accessType());
    // mount flags were applied at stage; a bind only adds read-only
    mounter.bind(volume.stagedPath(), p.targetPath(), p.readOnly(), List.of());
  }

  private boolean showsStage(StagedVolume volume, Path target) {
    Path wanted = target.toAbsolutePath().normalize();
    return mounts.othersShowing(volume.stagedPath()).stream()
        .anyMatch(m -> m.mountPoint().equals(wanted));
  }

  /**
   * Unmounts and removes the target. NOT_FOUND only when the volume is unknown here and nothing is
   * at the target; a repeated call for a known volume is OK, and so is one that leaves behind
   * something publish did not create (see {@link PublishTarget#remove}).
   */
  public void unpublish(String volumeId, Path target) {
    boolean known = backend.find(volumeId).isPresent();
    if (!known && !Files.exists(target) && !mounts.isMountPoint(target)) {
      throw CsiException.notFound(
          "volume " + volumeId + " is not staged on this node and " + target + " does not exist");
    }
    unmounter.unmountAll(target);
    PublishTarget.remove(target);
  }
}
