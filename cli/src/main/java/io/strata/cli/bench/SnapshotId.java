package io.strata.cli.bench;

/** A raw target's snapshot id: {@code volume@snapshot}, as the rbd and ceph tools write it. */
record SnapshotId(String volume, String snapshot) {
  static SnapshotId parse(String id) {
    int at = id.indexOf('@');
    if (at <= 0 || at == id.length() - 1) {
      throw new IllegalArgumentException("snapshot id '" + id + "' is not volume@snapshot");
    }
    return new SnapshotId(id.substring(0, at), id.substring(at + 1));
  }

  @Override
  public String toString() {
    return volume + "@" + snapshot;
  }
}
