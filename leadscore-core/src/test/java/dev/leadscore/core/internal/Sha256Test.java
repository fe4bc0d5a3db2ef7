package dev.leadscore.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;

/** SHA-256 against the FIPS 180-2 test vectors, and the spellings the fingerprints rely on. */
class Sha256Test {
  private static final String EMPTY = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
  private static final String ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
  private static final String TWO_BLOCKS = "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1";

  @Test
  void knownVectors() {
    assertEquals(EMPTY, Sha256.hex(new byte[0]));
    assertEquals(ABC, Sha256.hex("abc".getBytes(StandardCharsets.US_ASCII)));
    assertEquals(TWO_BLOCKS,
        Sha256.hex("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void labelledTextIsPrefixedLowercaseHexOfUtf8() {
    assertEquals("sha256:" + ABC, Sha256.labelled("abc"));
    assertEquals("sha256:" + Sha256.hex(new byte[] {(byte) 0xc3, (byte) 0xa9}), Sha256.labelled("\u00e9"));
  }

  @Test
  void pieceByPieceEqualsOneShot() {
    MessageDigest md = Sha256.newDigest();
    md.update("a".getBytes(StandardCharsets.US_ASCII));
    md.update("bc".getBytes(StandardCharsets.US_ASCII));
    assertEquals("sha256:" + ABC, Sha256.labelled(md));
  }
}
