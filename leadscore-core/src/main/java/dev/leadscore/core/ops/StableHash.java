package dev.leadscore.core.ops;

import dev.leadscore.core.internal.Sha256;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * The stable hash behind experiment assignment: a uniform number in [0, 1) from a salt and a lead
 * id, the same on every JVM, platform and restart, and reproducible in any language.
 *
 * <p><b>Definition.</b> {@code m = UTF-8(salt) ‖ 0x00 ‖ UTF-8(leadId)}, {@code h = SHA-256(m)},
 * {@code v} = the first 8 bytes of {@code h} as an unsigned big-endian 64-bit integer, and the
 * result {@code u = floor(v / 2^11) / 2^53}, i.e. the top 53 bits as a double in [0, 1) (exact,
 * no rounding). In Python: {@code (int.from_bytes(hashlib.sha256(salt.encode() + b"\0" +
 * lead_id.encode()).digest()[:8], "big") >> 11) / 2**53}. Because a salt may not contain U+0000
 * (checked by {@link Experiment.Builder#salt}), the first zero byte marks where the salt ends, so
 * different (salt, id) pairs give different messages. Java encodes an unpaired surrogate as
 * {@code ?}, so ids that differ only in such malformed characters share a bucket (still
 * deterministic).
 *
 * <p>Why SHA-256 and not {@code String.hashCode} or FNV: it is specified outside Java, mixes
 * every input bit into every output bit (sequential ids such as {@code L-1}, {@code L-2} land
 * independently, and buckets under two salts are independent), and costs about a microsecond,
 * small next to scoring a lead.
 *
 * <p>Stateless and thread-safe: every call uses its own {@link MessageDigest}.
 */
final class StableHash {
  private static final double TWO_TO_MINUS_53 = 0x1.0p-53;

  private StableHash() {}

  /** The number in [0, 1) of a (salt, lead id) pair, as defined above. */
  static double unit(String salt, String leadId) {
    MessageDigest sha = Sha256.newDigest();
    sha.update(salt.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] h = sha.digest(leadId.getBytes(StandardCharsets.UTF_8));
    long v = 0;
    for (int i = 0; i < 8; i++) {
      v = (v << 8) | (h[i] & 0xFF);
    }
    return (v >>> 11) * TWO_TO_MINUS_53;
  }
}
