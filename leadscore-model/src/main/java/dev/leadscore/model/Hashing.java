package dev.leadscore.model;

import dev.leadscore.core.internal.Sha256;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The training-data hash recorded in a model's provenance. Stateless. */
final class Hashing {
  private Hashing() {}

  /** Domain tag at the start of the data hash, so it cannot collide with another format's. */
  static final String DATA_TAG = "leadscore-training-data-v1";

  /**
   * {@code sha256:<hex>} of a training matrix and its labels in a fixed byte order: the UTF-8 tag
   * {@value #DATA_TAG}, {@code n} and {@code d} as big-endian 64-bit integers, every value of the
   * row-major {@code n x d} matrix as its IEEE-754 bits ({@link Double#doubleToLongBits}, so all
   * NaNs hash alike) big-endian, then one byte per label (1 converted, 0 not). O(n d).
   */
  static String sha256(double[] x, int n, int d, boolean[] y) {
    MessageDigest md = Sha256.newDigest();
    md.update(DATA_TAG.getBytes(StandardCharsets.UTF_8));
    ByteBuffer buf = ByteBuffer.allocate(1 << 16); // big-endian by default
    buf.putLong(n).putLong(d);
    long total = (long) n * d;
    for (long i = 0; i < total; i++) {
      if (buf.remaining() < Long.BYTES) {
        flush(md, buf);
      }
      buf.putLong(Double.doubleToLongBits(x[(int) i]));
    }
    for (int i = 0; i < n; i++) {
      if (!buf.hasRemaining()) {
        flush(md, buf);
      }
      buf.put((byte) (y[i] ? 1 : 0));
    }
    flush(md, buf);
    return Sha256.labelled(md);
  }

  private static void flush(MessageDigest md, ByteBuffer buf) {
    md.update(buf.array(), 0, buf.position());
    buf.clear();
  }
}
