package io.strata.node.state;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A path-safe, fixed-length name for a volume: the SHA-256 of its id in hex, as kubelet names
 * staging directories. Volume ids may hold any byte; file names made from them must not.
 */
public final class VolumeKey {
  private VolumeKey() {}

  public static String of(String volumeId) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(volumeId.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
