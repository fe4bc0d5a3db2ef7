package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * {@link FdlibmLog1p#log1p} returns the same bits as {@link StrictMath#log1p} for every input, NaN
 * results counted as equal: which NaN comes back differs between JDKs (17's native fdlibm returns
 * the NaN its arithmetic makes, 21's Java port returns {@code Double.NaN}).
 */
class FdlibmLog1pTest {

  private static final int RANDOM_PER_DISTRIBUTION = 400_000;

  private static void sameBits(double x) {
    sameBits("", x);
  }

  private static void sameBits(String where, double x) {
    double expected = StrictMath.log1p(x);
    double actual = FdlibmLog1p.log1p(x);
    long e = Double.doubleToRawLongBits(expected);
    long a = Double.doubleToRawLongBits(actual);
    if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
      fail(String.format(
          "%slog1p(x) differs for x = 0x%016x (%s): StrictMath 0x%016x (%s), port 0x%016x (%s)",
          where.isEmpty() ? "" : where + ": ", Double.doubleToRawLongBits(x), x, e, expected, a,
          actual));
    }
  }

  /** x and {@code steps} neighbours on each side. */
  private static void around(double x, int steps) {
    sameBits(x);
    double up = x;
    double down = x;
    for (int i = 0; i < steps; i++) {
      up = Math.nextUp(up);
      down = Math.nextDown(down);
      sameBits(up);
      sameBits(down);
    }
  }

  private static double bits(long b) {
    return Double.longBitsToDouble(b);
  }

  /**
   * The first double whose high word is {@code hi} and the last one below it, with neighbours, in
   * both signs; then random low words under {@code hi} and {@code hi - 1}. The branch tests look
   * only at the high word, and next to an edge the two sides can round apart for just a fraction
   * of the low words (at 2^-29, about one in 200), so the neighbours alone can miss a wrong edge.
   */
  private static void highWordEdge(int hi) {
    long b = (long) hi << 32;
    SplittableRandom rnd = new SplittableRandom(b);
    for (long sign : new long[] {0L, Long.MIN_VALUE}) {
      around(bits(sign | b), 16);
      around(bits(sign | (b - 1)), 16);
      for (int i = 0; i < 4_000; i++) {
        long low = rnd.nextLong() & 0xffffffffL;
        sameBits(bits(sign | b | low));
        sameBits(bits(sign | (b - (1L << 32)) | low));
      }
    }
  }

  @Test
  void specialValues() {
    double[] specials = {
      0.0, -0.0, 1.0, -1.0, 2.0, -0.5, 0.5, 1e-300, -1e-300,
      Double.NaN, -Double.NaN, bits(0x7ff0000000000001L), bits(0xfff0000000000001L),
      bits(0x7ff8000000000001L), bits(0xfff8dead0000beefL), bits(0x7ff4000000000000L),
      Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
      Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE,
      Double.MIN_NORMAL, -Double.MIN_NORMAL, Math.nextDown(Double.MIN_NORMAL),
      -Math.nextDown(Double.MIN_NORMAL), -2.0, -1e300, -1.5, Math.E - 1, 1e4, 9999.5, 1e15, 1e300,
    };
    for (double x : specials) {
      around(x, 4);
    }
  }

  @Test
  void thresholdsAndTheirNeighbours() {
    highWordEdge(0x3fda827a); // above this x goes through 1 + x = 2^k (1 + f)
    highWordEdge(0x3fd2bec3); // -0.29289: its negative is the lower edge of the k = 0 range
    highWordEdge(0x3fd2bec4);
    highWordEdge(0x3e200000); // 2^-29: x - x*x/2 below it
    highWordEdge(0x3c900000); // 2^-54: x itself below it
    highWordEdge(0x3ff00000); // -1: -infinity there, NaN below
    highWordEdge(0x43400000); // 2^53: u = x and c = 0 from here
    highWordEdge(0x7ff00000); // infinity
    highWordEdge(0x00100000); // smallest normal
    around(0x1p-29, 8);
    around(-0x1p-29, 8);
    around(0x1p-54, 8);
    around(-0x1p-54, 8);
    around(0x1p53, 8);
    around(0x1p53 - 1, 8);
  }

  /** Where 1 + x crosses a power of two (k changes) and where its mantissa crosses sqrt(2). */
  @Test
  void reductionEdges() {
    SplittableRandom rnd = new SplittableRandom(0x5eed_0001L);
    for (int k = -60; k <= 1023; k++) {
      double p = Math.scalb(1.0, k);
      // 1 + x = 2^k exactly, and with tiny offsets (|f| < 2^-20 is where the short series runs).
      around(p - 1.0, 8);
      for (int j = 0; j < 40; j++) {
        double t = (rnd.nextDouble() * 2 - 1) * 0x1p-20 * Math.scalb(1.0, -rnd.nextInt(33));
        sameBits("2^" + k + "(1+t)-1", p * (1 + t) - 1.0);
        sameBits("2^" + k + "(1+t)-1", p * (1 + t) - 1.0 + Math.ulp(p) * rnd.nextInt(-4, 5));
      }
      // The mantissa split at high word 0x6a09e (about sqrt(2)).
      double root = Math.scalb(bits(0x3ff6a09e00000000L), k);
      around(root - 1.0, 8);
      around(Math.nextDown(root) - 1.0, 8);
    }
    // Values near 1, 3, 7, ...: 1 + x near a power of two.
    for (int k = 1; k <= 60; k++) {
      around(Math.scalb(1.0, k) - 1.0, 64);
    }
  }

  private static void sample(String name, long seed, ToDoubleFunction<SplittableRandom> gen) {
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < RANDOM_PER_DISTRIBUTION; i++) {
      double x = gen.applyAsDouble(rnd);
      double expected = StrictMath.log1p(x);
      double actual = FdlibmLog1p.log1p(x);
      if (Double.doubleToLongBits(expected) != Double.doubleToLongBits(actual)) {
        sameBits(name + " #" + i, x); // builds the message
      }
    }
  }

  /** Finite double with a uniformly chosen exponent (subnormals included) and random mantissa. */
  private static double logUniform(SplittableRandom r, int maxBiasedExponent) {
    long exponent = r.nextInt(maxBiasedExponent + 1);
    long mantissa = r.nextLong() & 0x000fffffffffffffL;
    return bits((exponent << 52) | mantissa);
  }

  @Test
  void randomUniformZeroToTwo() {
    sample("uniform [0, 2)", 11L, r -> 2 * r.nextDouble());
  }

  @Test
  void randomUniformMinusOneToZero() {
    sample("uniform [-1, 0)", 12L, r -> r.nextDouble() - 1.0);
  }

  @Test
  void randomCountsAndDecayedCounts() {
    sample("integer [0, 1e4)", 13L, r -> r.nextInt(10_000));
    sample("decayed count", 14L, r -> r.nextInt(10_000) * Math.pow(0.5, 10 * r.nextDouble()));
    sample("decayed sum", 15L, r -> {
      double sum = 0;
      for (int n = r.nextInt(1, 8); n > 0; n--) {
        sum += Math.pow(0.5, r.nextDouble() * 400 / 30.0);
      }
      return sum;
    });
  }

  @Test
  void randomLogUniformMagnitudes() {
    sample("log-uniform positive", 16L, r -> logUniform(r, 2046));
    sample("log-uniform negative", 17L, r -> -logUniform(r, 2046));
    // Negative with magnitude below 1, where the answer is finite.
    sample("log-uniform in (-1, 0)", 18L, r -> -logUniform(r, 1022));
  }

  @Test
  void randomRawBits() {
    sample("raw bits", 19L, r -> bits(r.nextLong()));
  }
}
