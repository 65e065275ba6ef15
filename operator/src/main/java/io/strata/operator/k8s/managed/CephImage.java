package io.strata.operator.k8s.managed;

import io.strata.ceph.CephRelease;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Ceph daemon image named by {@code cephVersion.image}. Its tag says its release, as upstream
 * tags them ({@code quay.io/ceph/ceph:v20.2.4}) and {@code deploy/image/build --image ceph} does
 * ({@code strata-ceph:20.2.4}): the monitors' first map differs by release, and it is written
 * before any daemon runs that could be asked.
 */
record CephImage(String name, CephRelease release) {
  private static final Pattern VERSION_TAG = Pattern.compile(":v?(\\d+)\\.(\\d+)\\.(\\d+)[^:/]*$");

  /**
   * @throws IllegalArgumentException when the name has no version tag, saying how to name it
   */
  static CephImage of(String name) {
    Matcher matcher = VERSION_TAG.matcher(name.replaceFirst("@sha256:[0-9a-f]+$", ""));
    if (!matcher.find()) {
      throw new IllegalArgumentException(
          "spec.cephVersion.image "
              + name
              + " has no version tag: name the image with the Ceph release it runs, as"
              + " quay.io/ceph/ceph:v20.2.4 (a digest may follow the tag)");
    }
    return new CephImage(
        name,
        new CephRelease(
            Integer.parseInt(matcher.group(1)),
            Integer.parseInt(matcher.group(2)),
            Integer.parseInt(matcher.group(3))));
  }
}
