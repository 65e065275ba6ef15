package io.strata.ceph;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Ceph version, as daemons print it ({@code ceph version 20.2.4 (hash) tentacle (stable)}), and
 * what the code must do differently for it.
 */
public record CephRelease(int major, int minor, int patch) implements Comparable<CephRelease> {
  private static final Pattern VERSION = Pattern.compile("ceph version (\\d+)\\.(\\d+)\\.(\\d+)");

  /**
   * Parses the first {@code ceph version X.Y.Z} in {@code text}.
   *
   * @throws IllegalArgumentException when there is none
   */
  public static CephRelease parse(String text) {
    Matcher matcher = VERSION.matcher(text);
    if (!matcher.find()) {
      throw new IllegalArgumentException("no 'ceph version X.Y.Z' in: " + text.strip());
    }
    return new CephRelease(
        Integer.parseInt(matcher.group(1)),
        Integer.parseInt(matcher.group(2)),
        Integer.parseInt(matcher.group(3)));
  }

  /** Ceph's name for the major release ("pacific", "tentacle"), or "ceph-N" for one not known. */
  public String codename() {
    return switch (major) {
      case 16 -> "pacific";
      case 17 -> "quincy";
      case 18 -> "reef";
      case 19 -> "squid";
      case 20 -> "tentacle";
      case 21 -> "umbrella";
      default -> "ceph-" + major;
    };
  }

  /**
   * True from 19.2.6 and 20.2.4 on: monitors know the aes256k cephx cipher (CVE-2025-30156) and a
   * new cluster's monmap allows only it unless monmaptool is told otherwise. Clients of earlier
   * releases know only aes and cannot authenticate to such a cluster.
   */
  public boolean hasAes256kAuth() {
    return switch (major) {
      case 19 -> atLeast(2, 6);
      case 20 -> atLeast(2, 4);
      default -> major > 20;
    };
  }

  private boolean atLeast(int minorOf, int patchOf) {
    return minor > minorOf || minor == minorOf && patch >= patchOf;
  }

  @Override
  public int compareTo(CephRelease other) {
    int byMajor = Integer.compare(major, other.major);
    if (byMajor != 0) {
      return byMajor;
    }
    int byMinor = Integer.compare(minor, other.minor);
    return byMinor != 0 ? byMinor : Integer.compare(patch, other.patch);
  }

  @Override
  public String toString() {
    return major + "." + minor + "." + patch + " " + codename();
  }
}
