package io.strata.operator.bootstrap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.strata.ceph.CephRelease;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class CephxKeyTest {
  /** Fills every requested byte with 0x5a, so the secret is known. */
  private static final SecureRandom FIXED =
      new SecureRandom() {
        @Override
        public void nextBytes(byte[] bytes) {
          Arrays.fill(bytes, (byte) 0x5a);
        }
      };

  @Test
  void encodesCryptoKeyLittleEndian() {
    Instant created = Instant.ofEpochSecond(0x11223344L, 0x0A0B0C0D);
    byte[] bytes =
        Base64.getDecoder().decode(new CephxKey(FIXED).generate(CephxKey.Cipher.AES, created));

    assertEquals(28, bytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(1, buffer.getShort()); // AES
    assertEquals(0x11223344, buffer.getInt());
    assertEquals(0x0A0B0C0D, buffer.getInt());
    assertEquals(16, buffer.getShort());
    byte[] secret = new byte[16];
    buffer.get(secret);
    byte[] expected = new byte[16];
    Arrays.fill(expected, (byte) 0x5a);
    assertArrayEquals(expected, secret);
    assertEquals(0x44, bytes[2] & 0xff, "seconds must be little-endian");
  }

  @Test
  void freshKeysDifferAndLookLikeAuthtoolKeys() {
    CephxKey generator = new CephxKey();
    String one = generator.generate();
    String two = generator.generate();
    assertNotEquals(one, two);
    assertEquals(40, one.length());
    assertTrue(one.startsWith("AQ"), one); // 0x01 0x00 encodes as "AQ", like ceph-authtool's
    assertTrue(CephxKey.isValid(one));
  }

  @Test
  void aes256kKeysHaveType2AndA32ByteSecret() {
    String key = new CephxKey(FIXED).generate(CephxKey.Cipher.AES256K);
    byte[] bytes = Base64.getDecoder().decode(key);
    assertEquals(44, bytes.length);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    assertEquals(2, buffer.getShort(0));
    assertEquals(32, buffer.getShort(10));
    assertTrue(key.startsWith("Ag"), key); // as ceph-authtool 20.2.4 --key-type aes256k
    assertTrue(CephxKey.isValid(key));
  }

  @Test
  void acceptsKeysFromCephAuthtool() {
    assertTrue(CephxKey.isValid("AQBuJgZru+lVABAAP0Wxwofzzrxy/mUkPss6NQ=="));
    // ceph-authtool 20.2.4 --gen-print-key --key-type aes256k
    assertTrue(CephxKey.isValid("AgAchBFrmLNWMyAACE9udigcAGL4fWeYpySF8Mhlnl5EXUu4UhZ5nt3lNN8="));
  }

  @Test
  void daemonsOfTheSecurityReleasesGetAes256k() {
    assertEquals(CephxKey.Cipher.AES, CephxKey.Cipher.forDaemons(new CephRelease(18, 2, 7)));
    assertEquals(CephxKey.Cipher.AES256K, CephxKey.Cipher.forDaemons(new CephRelease(20, 2, 4)));
  }

  @Test
  void rejectsWhatIsNotAnAesKey() {
    assertFalse(CephxKey.isValid("not base64!"));
    assertFalse(CephxKey.isValid(Base64.getEncoder().encodeToString(new byte[28])));
    assertFalse(CephxKey.isValid(Base64.getEncoder().encodeToString(new byte[12])));
    byte[] shortAes256k = Base64.getDecoder().decode(new CephxKey().generate());
    shortAes256k[0] = 2; // type aes256k with a 16-byte secret
    assertFalse(CephxKey.isValid(Base64.getEncoder().encodeToString(shortAes256k)));
  }
}
