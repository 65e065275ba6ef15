package io.strata.operator.k8s.managed;

/** Ceph's letter ids for monitors, managers and metadata servers: a..z, then aa, ab... */
final class DaemonIds {
  private DaemonIds() {}

  static String letters(int index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
    StringBuilder id = new StringBuilder();
    int rest = index;
    do {
      id.insert(0, (char) ('a' + rest % 26));
      rest = rest / 26 - 1;
    } while (rest >= 0);
    return id.toString();
  }
}
