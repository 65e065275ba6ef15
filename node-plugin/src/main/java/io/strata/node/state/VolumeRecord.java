package io.strata.node.state;

/** A record {@link StageRecords} keeps on disk for one staged volume. */
public interface VolumeRecord {
  String volumeId();
}
