package dev.leadscore.core.schema;

/**
 * The arithmetic of {@link Decay.HalfLife}: half-life weights of integer-millisecond ages from
 * factor tables built once with {@link StrictMath#pow}, so that every JVM and CPU gives the same
 * bits (Java 17 arithmetic is strict; {@code Math.pow}'s intrinsic is not the same function
 * everywhere). The definition is in {@link Decay.HalfLife}'s Javadoc; this class follows it
 * step by step.
 *
 * <p>Memory: one {@code double[]} of {@code 256·(L − 1) + 1 + ((h − 1) >>> 8(L − 1))} entries,
 * {@code L} the number of base-256 digits of {@code h − 1}: 7,384 bytes of entries for a 30-day
 * half-life, at most 12,416 (h capped at 2^52 ms), plus the array header. Immutable once built,
 * safe to share between threads.
 */
final class HalfLifeTable {
  static final double MILLIS_PER_DAY = 86_400_000.0;
  /** Largest half-life in ms: keeps {@code q·h} and the quotient's estimate exact (see weight). */
  static final long MAX_HALF_LIFE_MILLIS = 1L << 52;
  /** Ages at or above this many ms are taken as this age; every weight there is below 2^-1000. */
  static final long MAX_AGE_MILLIS = 1L << 62;
  /**
   * Whole half-lives from which every weight rounds to zero: {@code 2^-q·F} with {@code F <= 1}
   * is at most {@code 2^-1075}, which rounds (to even) to 0.
   */
  private static final long ZERO_HALVINGS = 1075;

  private final long h;
  private final double perH; // only for the quotient's first guess, corrected exactly below
  private final double[] f; // level j, digit x at 256·j + x
  private final int levels;

  HalfLifeTable(double days) {
    double ms = Math.rint(days * MILLIS_PER_DAY);
    h = ms < 1 ? 1 : ms >= MAX_HALF_LIFE_MILLIS ? MAX_HALF_LIFE_MILLIS : (long) ms;
    perH = 1.0 / h;
    long top = h - 1;
    int n = 1;
    while (n < 8 && top >>> (8 * n) != 0) {
      n++;
    }
    levels = n;
    f = new double[256 * (levels - 1) + 1 + (int) (top >>> (8 * (levels - 1)))];
    for (int j = 0; j < levels; j++) {
      f[256 * j] = 1.0; // before the levels are filled: factor() below reads every level's 0
    }
    for (int j = 0; j < levels; j++) {
      int base = 256 * j;
      int entries = Math.min(256, f.length - base);
      // The ordered product of the lower levels' largest factors, P(256^j - 1), evaluated as
      // factor() evaluates it. Clamping each factor by it makes F non-increasing across every
      // carry (r = ..x ff..ff to ..x+1 00..00), which rounding alone does not promise once the
      // step between neighbouring ages is below a few ulps (half-lives of many millennia).
      double lowerMax = j == 0 ? 1.0 : product((1L << (8 * j)) - 1);
      double step = (double) (1L << (8 * j)); // x·256^j is exact: it is below 2^53
      for (int x = 1; x < entries; x++) {
        double p = StrictMath.pow(0.5, x * step / h);
        f[base + x] = Math.min(p, lowerMax * f[base + x - 1]);
      }
    }
  }

  /** The half-life in whole milliseconds, in {@code [1, 2^52]}. */
  long halfLifeMillis() {
    return h;
  }

  /** Bytes held by the factor table's entries. */
  int tableBytes() {
    return 8 * f.length;
  }

  /** {@link Decay.HalfLife#weight(double)}. */
  double weightOfDays(double ageDays) {
    if (!(ageDays >= 0)) {
      throw new IllegalArgumentException("age in days must be >= 0, got " + ageDays);
    }
    double ms = Math.rint(ageDays * MILLIS_PER_DAY);
    return weightOfMillis(ms >= MAX_AGE_MILLIS ? MAX_AGE_MILLIS : (long) ms);
  }

  /**
   * {@link #weightOfDays weightOfDays(ageDays)}, bit for bit, where {@code ageDays} is
   * {@code ageMillis / 86,400,000} and {@code ageMillis} a whole number of milliseconds, as
   * extraction has them: below 2^51 ms that is the age {@link #weightOfDays} rounds back to, so
   * the round trip through days is skipped.
   */
  double weightOfWholeMillis(double ageMillis, double ageDays) {
    if (ageMillis >= 0 && ageMillis < 0x1p51) {
      return weightOf((long) ageMillis, ageMillis);
    }
    return weightOfDays(ageDays);
  }

  /** {@link Decay.HalfLife#weightMillis(long)}. */
  double weightOfMillis(long ageMillis) {
    if (ageMillis < 0) {
      throw new IllegalArgumentException("age in ms must be >= 0, got " + ageMillis);
    }
    long t = Math.min(ageMillis, MAX_AGE_MILLIS);
    return weightOf(t, t);
  }

  /** The weight of {@code 0 <= t <= 2^62} ms; {@code td} is {@code t} as a double (rounded). */
  private double weightOf(long t, double td) {
    // q = t / h, r = t % h without a 64-bit division (tens of cycles): a floating-point guess
    // within one of the quotient (t/h <= 2^62 and both roundings relative 2^-53), corrected with
    // exact integer arithmetic. Past ZERO_HALVINGS the weight is 0 whatever r is.
    long q = (long) (td * perH);
    if (q > ZERO_HALVINGS) {
      return 0.0;
    }
    long r = t - q * h; // no overflow: q·h <= t + h <= 2^62 + 2^52
    if (r < 0) {
      q--;
      r += h;
    } else if (r >= h) {
      q++;
      r -= h;
    }
    return halve(factor(r), q);
  }

  /**
   * {@code F(r)}: {@link #product} floored at 0.5 (its value at {@code r -> h}), for
   * {@code 0 <= r < h}.
   */
  private double factor(long r) {
    double w = product(r);
    return w < 0.5 ? 0.5 : w;
  }

  /** {@code P(r)}: the factors of r's base-256 digits, multiplied from the lowest digit up. */
  private double product(long r) {
    // Every level, also above r's highest non-zero digit: those factors are exactly 1, so the
    // bits are the same, and the loop's trip count is the decay's, not the age's, which the
    // branch predictor learns.
    double w = f[(int) (r & 255)];
    for (int j = 1; j < levels; j++) {
      w *= f[(j << 8) + (int) ((r >>> (8 * j)) & 255)];
    }
    return w;
  }

  /** {@code w·2^-q} rounded once, for {@code w} in [0.5, 1] and {@code 0 <= q}. */
  private static double halve(double w, long q) {
    if (q <= 1022) {
      return w * Double.longBitsToDouble((1023 - q) << 52);
    }
    if (q > ZERO_HALVINGS) {
      return 0.0;
    }
    // Two steps: w·2^-54 is exact (w >= 0.5 keeps it normal), so only the second one rounds.
    return w * 0x1p-54 * Double.longBitsToDouble((1023 - (q - 54)) << 52);
  }
}
