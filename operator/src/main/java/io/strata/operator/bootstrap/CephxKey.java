package io.strata.operator.bootstrap;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Generates cephx secrets the way {@code ceph-authtool --gen-key} does, without the tool. The
 * encoded key is Ceph's CryptoKey, little-endian, then base64:
 *
 * <pre>
 *   u16 type      1 = AES
 *   u32 seconds   creation time
 *   u32 nanos
 *   u16 length    16
 *   u8[16]        random secret
 * </pre>
 */
public final class CephxKey {
  private static final short TYPE_AES = 1;
  private static final int SECRET_BYTES = 16;
  private static final int ENCODED_BYTES = 2 + 4 + 4 + 2 + SECRET_BYTES;

  private final SecureRandom random;

  public CephxKey(SecureRandom random) {
    this.random = random;
  }

  public CephxKey() {
    this(new SecureRandom());
  }

  /** A fresh base64 key, created now. */
  public String generate() {
    return generate(Instant.now());
  }

  public String generate(Instant created) {
    byte[] secret = new byte[SECRET_BYTES];
    random.nextBytes(secret);
    ByteBuffer buffer = ByteBuffer.allocate(ENCODED_BYTES).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putShort(TYPE_AES);
    buffer.putInt((int) created.getEpochSecond());
    buffer.putInt(created.getNano());
    buffer.putShort((short) SECRET_BYTES);
    buffer.put(secret);
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  /** True when {@code key} decodes to an AES cephx key with a 16-byte secret. */
  public static boolean isValid(String key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (bytes.length != ENCODED_BYTES) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    return buffer.getShort(0) == TYPE_AES && buffer.getShort(10) == SECRET_BYTES;
  }
}
