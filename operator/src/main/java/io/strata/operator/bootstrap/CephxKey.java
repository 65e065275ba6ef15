package io.strata.operator.bootstrap;

import io.strata.ceph.CephRelease;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;

/**
 * Generates cephx secrets the way {@code ceph-authtool --gen-key --key-type T} does, without the
 * tool. The encoded key is Ceph's CryptoKey, little-endian, then base64:
 *
 * <pre>
 *   u16 type      1 = aes, 2 = aes256k
 *   u32 seconds   creation time
 *   u32 nanos
 *   u16 length    16 (aes) or 32 (aes256k)
 *   u8[length]    random secret
 * </pre>
 */
public final class CephxKey {
  private static final int HEADER_BYTES = 2 + 4 + 4 + 2;

  /** The cephx key types. */
  public enum Cipher {
    /** What every client knows; Ceph calls it insecure from 19.2.6 and 20.2.4 on. */
    AES(1, 16),
    /** From 19.2.6 and 20.2.4 on; clients of earlier releases cannot read it. */
    AES256K(2, 32);

    private final short type;
    private final int secretBytes;

    Cipher(int type, int secretBytes) {
      this.type = (short) type;
      this.secretBytes = secretBytes;
    }

    /** For daemons and the monitors of {@code release}: the strongest cipher they all know. */
    public static Cipher forDaemons(CephRelease release) {
      return release.hasAes256kAuth() ? AES256K : AES;
    }
  }

  private final SecureRandom random;

  public CephxKey(SecureRandom random) {
    this.random = random;
  }

  public CephxKey() {
    this(new SecureRandom());
  }

  /** A fresh base64 aes key, created now: one any client can use. */
  public String generate() {
    return generate(Cipher.AES, Instant.now());
  }

  /** A fresh base64 key of {@code cipher}, created now. */
  public String generate(Cipher cipher) {
    return generate(cipher, Instant.now());
  }

  public String generate(Cipher cipher, Instant created) {
    byte[] secret = new byte[cipher.secretBytes];
    random.nextBytes(secret);
    ByteBuffer buffer =
        ByteBuffer.allocate(HEADER_BYTES + cipher.secretBytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putShort(cipher.type);
    buffer.putInt((int) created.getEpochSecond());
    buffer.putInt(created.getNano());
    buffer.putShort((short) cipher.secretBytes);
    buffer.put(secret);
    return Base64.getEncoder().encodeToString(buffer.array());
  }

  /** True when {@code key} decodes to a cephx key of a known cipher with a secret of its size. */
  public static boolean isValid(String key) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(key);
    } catch (IllegalArgumentException e) {
      return false;
    }
    if (bytes.length < HEADER_BYTES) {
      return false;
    }
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    for (Cipher cipher : Cipher.values()) {
      if (buffer.getShort(0) == cipher.type
          && buffer.getShort(10) == cipher.secretBytes
          && bytes.length == HEADER_BYTES + cipher.secretBytes) {
        return true;
      }
    }
    return false;
  }
}
