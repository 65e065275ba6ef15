package io.strata.node.state;

/** How a staged volume is consumed: a mounted filesystem or the raw block device. */
public enum AccessType {
  MOUNT,
  BLOCK
}
