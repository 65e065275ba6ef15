package io.strata.cli.bench;

import java.util.Optional;

/**
 * What a workload drives: a CSI controller endpoint, or the same Ceph operations called straight
 * through ceph-client for a baseline. Every method blocks until done and throws on failure; the
 * caller times it.
 */
interface Target extends AutoCloseable {
  /** How reports name this target, e.g. {@code unix:///csi/csi.sock} or {@code raw rbd/rbd}. */
  String label();

  /**
   * @param fromSnapshot a snapshot id this target returned, or empty for a blank volume
   */
  Volume createVolume(String name, long sizeBytes, Optional<String> fromSnapshot);

  void deleteVolume(String volumeId);

  /** Returns the snapshot's id. */
  String createSnapshot(Volume source, String name);

  void deleteSnapshot(String snapshotId);

  /** The node side, for stage-publish; empty when the target has none. */
  default Optional<NodeSide> node() {
    return Optional.empty();
  }

  /** Makes the first timed call cost what the others do: dials, loads classes. Untimed. */
  default void warmUp() {}

  /** Whether the failure asks the caller to repeat the same call (CSI ABORTED: in progress). */
  default boolean retriable(RuntimeException failure) {
    return false;
  }

  /**
   * Whether a failed create may still have created something (a timeout, a lost connection), so
   * cleanup must repeat the create by name to learn the id and delete it.
   */
  default boolean outcomeUnknown(RuntimeException failure) {
    return false;
  }

  @Override
  void close();
}
