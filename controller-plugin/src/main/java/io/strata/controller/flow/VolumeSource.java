package io.strata.controller.flow;

import java.util.Optional;

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

  /** The source a journal entry records, if any. */
  static Optional<VolumeSource> fromJournal(String recorded) {
    if (recorded == null) {
      return Optional.empty();
    }
    String[] kindAndId = recorded.split(":", 2);
    return Optional.of(new VolumeSource(Kind.valueOf(kindAndId[0].toUpperCase()), kindAndId[1]));
  }
}
