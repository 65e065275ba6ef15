package io.strata.cli.bench;

/** The node calls that make a volume usable in a pod, in the order a CO makes them. */
interface NodeSide {
  /** Whether the controller attaches volumes (PUBLISH_UNPUBLISH_VOLUME) before nodes stage them. */
  boolean attaches();

  /** Whether the node stages (STAGE_UNSTAGE_VOLUME) before it publishes. */
  boolean stages();

  void attach(Volume volume);

  void detach(Volume volume);

  void stage(Volume volume);

  void unstage(Volume volume);

  void publish(Volume volume);

  void unpublish(Volume volume);
}
