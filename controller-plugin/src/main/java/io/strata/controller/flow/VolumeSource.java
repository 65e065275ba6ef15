package io.strata.controller.flow;

/** A CreateVolume content source: the snapshot to restore or the volume to clone. */
public record VolumeSource(Kind kind, String id) {
  public enum Kind {
    SNAPSHOT,
    VOLUME
  }

  /** The form recorded in the journal, so a retry with another source is told apart. */
  String journalForm() {
    return kind.name().toLowerCase() + ":" + id;
  }
}
