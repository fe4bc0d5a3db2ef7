package dev.leadscore.core.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256, the one place leadscore obtains it and spells its result: schema and rule-set
 * fingerprints, the model artifact's checksum and training-data hash, the registry's file hashes
 * and the experiments' stable split all go through here, so they agree on the encoding (UTF-8),
 * the hex digits (lowercase) and the {@value #PREFIX} label.
 *
 * <p>Why here: core, rules and model all hash, and each had its own copy. This package is
 * exported only to leadscore's own modules, so sharing the helper adds nothing to the public API;
 * a host never needs it (it reads fingerprints as opaque strings).
 *
 * <p>Stateless and thread-safe: {@link #newDigest()} returns a fresh {@link MessageDigest} per
 * call, and the other methods use one each.
 */
public final class Sha256 {
  /** The label in front of a hex digest in fingerprints and checksums. */
  public static final String PREFIX = "sha256:";

  private Sha256() {}

  /** A new SHA-256 digest, for hashing a message fed in pieces. */
  public static MessageDigest newDigest() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      // java.security.MessageDigest's Javadoc requires every Java platform to provide it.
      throw new IllegalStateException("every Java platform must provide SHA-256", e);
    }
  }

  /** The 64 lowercase hex digits of the SHA-256 of {@code bytes}. */
  public static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(newDigest().digest(bytes));
  }

  /** {@code sha256:<64 lowercase hex digits>} of the UTF-8 bytes of {@code text}. */
  public static String labelled(String text) {
    return PREFIX + hex(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Completes {@code digest} and returns {@code sha256:<64 lowercase hex digits>} of it. */
  public static String labelled(MessageDigest digest) {
    return PREFIX + HexFormat.of().formatHex(digest.digest());
  }
}
