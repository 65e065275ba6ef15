package io.strata.node;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What differs between RBD and CephFS volumes on a node. {@link NodeService} validates requests and
 * holds the volume's lock; publishing ({@link VolumePublisher}) and stats ({@link VolumeInspector})
 * are shared and see a backend's volumes as {@link StagedVolume}s. Every method is idempotent and
 * throws {@link io.strata.csi.CsiException} for what the CO should see.
 */
public interface NodeBackend {

  /** The volume capabilities this backend's volumes accept. */
  AccessRules rules();

  /** Makes the volume available at its staging path; nothing is left when it fails. */
  void stage(StageParams params);

  /** Undoes {@link #stage}; needs no cluster. FAILED_PRECONDITION while still published. */
  void unstage(String volumeId, Path stagingPath);

  /** The volume's stage as recorded on this node, empty when it is not staged here. */
  Optional<StagedVolume> find(String volumeId);

  /** What is wrong with a staged volume that should serve I/O, empty when nothing is. */
  Optional<String> problem(StagedVolume volume);

  /** Whether NodeExpandVolume has work to do on this node (advertised as EXPAND_VOLUME). */
  boolean expands();

  /** Makes the node see a volume the controller grew; returns its size in bytes. */
  long expand(String volumeId, Path volumePath);

  /**
   * Run once before the plugin serves: checks every recorded volume, repairs what this backend can
   * repair without a request, and reports one finding per volume.
   */
  List<StartupFinding> startUp();
}
