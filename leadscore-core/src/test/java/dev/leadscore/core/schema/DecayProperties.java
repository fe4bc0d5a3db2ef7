package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The half-life decay's definition ({@link Decay.HalfLife}): weight 1 at age 0, non-increasing,
 * within a stated bound of {@code StrictMath.pow(0.5, ageDays / days)}, exact at whole
 * half-lives, and the same bits from every build of its tables.
 *
 * <p>The bound, for a weight of at least 2^-1000 and {@code y = ageDays / days}: relative
 * difference at most {@code (4 + 1.5·y)·2^-52} when the half-life is a whole number of
 * milliseconds, plus {@code expm1(1.01·y·ln 2·Δ/h)} otherwise ({@code h} the half-life in ms and
 * {@code Δ} its rounding to a whole ms). The {@code y} term is mostly the reference's own: it
 * computes {@code y} with two roundings, each worth {@code y·ln 2·2^-53} relative, and the test computes {@code Δ} with a third. Measured on
 * 8 million draws: at most {@code (1.72 + 1.05·y)·2^-52}, and 2.72·2^-52 from
 * {@code 2^-q·StrictMath.pow(0.5, r/h)}, which has no error in {@code y}.
 */
class DecayProperties {
  static final double MS_PER_DAY = 86_400_000.0;
  static final double ULP1 = 0x1p-52;

  /** Half-lives in days, log-uniform from 1 ms to 10^5 days, with round values as edge cases. */
  static Gen<Double> halfLives() {
    Gen<Double> logUniform = r -> Math.exp(r.nextDouble(Math.log(1 / MS_PER_DAY), Math.log(1e5)));
    return Gen.weighted(7, logUniform, 1, Gen.oneOf(0.5, 1.0, 7.0, 7.5, 14.0, 30.0, 45.0, 365.25));
  }

  /** Half-lives that are a whole number of milliseconds, from 1 ms to 10^13 ms (316 years). */
  static Gen<Double> wholeMillisHalfLives() {
    return r -> (double) (long) Math.exp(r.nextDouble(0, Math.log(1e13))) / MS_PER_DAY;
  }

  /** (days, age in ms): ages up to 1,000 half-lives, a quarter of them under two. */
  static Gen<long[]> agesFor(double days) {
    long h = Math.max(1, (long) Math.rint(days * MS_PER_DAY));
    return r -> new long[] {(long) Math.rint((r.nextInt(4) == 0 ? r.nextDouble(0, 2) : r.nextDouble(0, 1000)) * h)};
  }

  @Test
  void ageZeroWeighsOneAndWholeHalfLivesHalveExactly() {
    PropertyCheck.forAll(halfLives(), days -> {
      Decay d = Decay.halfLife(days);
      assertEquals(1.0, d.weight(0.0));
      assertEquals(1.0, d.weight(-0.0));
      assertEquals(1.0, d.weightMillis(0));
      long h = Math.max(1, (long) Math.rint(days * MS_PER_DAY));
      for (int k = 1; k <= 40 && k <= HalfLifeTable.MAX_AGE_MILLIS / h; k++) {
        assertEquals(Math.scalb(1.0, -k), d.weightMillis(k * h), "k=" + k);
      }
    });
  }

  @Test
  void handComputedCases() {
    Decay.HalfLife week = new Decay.HalfLife(7);
    assertEquals(0.5, week.weight(7));
    assertEquals(0.25, week.weight(14));
    assertEquals(0x1p-10, week.weight(70));
    assertEquals(Math.sqrt(0.5), week.weight(3.5), Math.ulp(Math.sqrt(0.5)));
    // 1 ms half-life: the table is the single factor 1, the weight 2^-t down to the smallest
    // subnormal, and 0 from 2^-1075 on (a tie, rounded to even).
    Decay.HalfLife ms = new Decay.HalfLife(1 / MS_PER_DAY);
    assertEquals(Math.scalb(1.0, -1022), ms.weightMillis(1022));
    assertEquals(Double.MIN_VALUE, ms.weightMillis(1074));
    assertEquals(0.0, ms.weightMillis(1075));
    assertEquals(0.0, ms.weightMillis(Long.MAX_VALUE));
    // A half-life below half a millisecond is read as 1 ms.
    assertEquals(0.5, new Decay.HalfLife(1e-12).weightMillis(1));
    // 2 ms: r = 1 is the one non-trivial factor, sqrt(0.5) as StrictMath.pow gives it.
    Decay.HalfLife two = new Decay.HalfLife(2 / MS_PER_DAY);
    assertEquals(StrictMath.pow(0.5, 0.5), two.weightMillis(1));
    assertEquals(StrictMath.pow(0.5, 0.5) / 8, two.weightMillis(7));
    // Half-lives beyond 2^52 ms are read as 2^52 ms and ages beyond 2^62 ms as 2^62 ms, so
    // infinity is 1,024 of the longest half-lives old.
    Decay.HalfLife aeon = new Decay.HalfLife(1e12);
    assertEquals(0x1p-1024, aeon.weightMillis(1L << 62));
    assertEquals(0x1p-1024, aeon.weightMillis(Long.MAX_VALUE));
    assertEquals(0x1p-1024, aeon.weight(Double.POSITIVE_INFINITY));
    assertEquals(0.5, aeon.weightMillis(1L << 52));
    assertEquals(0.0, week.weight(Double.POSITIVE_INFINITY));
    assertThrows(IllegalArgumentException.class, () -> week.weight(-1e-9));
    assertThrows(IllegalArgumentException.class, () -> week.weight(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> week.weightMillis(-1));
  }

  /**
   * Pinned bits of a 30-day half-life: what every JVM must give. They come from StrictMath and
   * strict arithmetic only, so a change here is a change of definition, not of platform.
   */
  @Test
  void pinnedBitsOfThirtyDays() {
    long[][] cases = {
        {1L, 0x3FEFFFFFFFDB3F12L},
        {3_600_000L, 0x3FEFF81E08B520A4L},
        {86_400_000L, 0x3FEF44E4FB6C55D8L},
        {907_200_000L, 0x3FE91B501C2DB3DFL},
        {5_000_000_000L, 0x3FD0CE958334C137L},
        {123_456_789_012L, 0x3CF4ADB8207763C9L},
    };
    Decay d = Decay.halfLife(30);
    for (long[] c : cases) {
      assertEquals(c[1], Double.doubleToRawLongBits(d.weightMillis(c[0])), "age " + c[0] + " ms");
    }
  }

  @Test
  void nonIncreasingInAge() {
    PropertyCheck.forAll(halfLives().flatMap(days -> agesFor(days).map(t -> new Object[] {days, t[0]})), in -> {
      double days = (Double) in[0];
      long t = (Long) in[1];
      Decay d = Decay.halfLife(days);
      long h = Math.max(1, (long) Math.rint(days * MS_PER_DAY));
      // Random neighbours, then the places where rounding could turn the order: every carry of
      // the age's remainder into a higher base-256 digit, and the step into the next half-life.
      assertTrue(d.weightMillis(t) >= d.weightMillis(t + 1), "t=" + t);
      for (int j = 1; j < 8 && h >= 2; j++) {
        long carry = (t / h) * h + Math.min(h - 1, 1L << (8 * j)) - 1;
        assertTrue(d.weightMillis(carry) >= d.weightMillis(carry + 1), "carry at " + carry);
      }
      long boundary = (t / h + 1) * h;
      assertTrue(d.weightMillis(boundary - 1) >= d.weightMillis(boundary), "half-life boundary " + boundary);
    });
    // Half-lives so long that neighbouring ages differ by less than an ulp: the clamped tables
    // must still not rise at any carry.
    for (double days : List.of(1e6, 3.3e7, 5.2e10, 1e300)) {
      Decay d = Decay.halfLife(days);
      long h = Math.min(HalfLifeTable.MAX_HALF_LIFE_MILLIS, (long) Math.rint(Math.min(days * MS_PER_DAY, 0x1p60)));
      for (long q : new long[] {0, 1, 3}) {
        for (int j = 1; j < 8; j++) {
          for (long m = 1; m < 256 && (m << (8 * j)) < h && q * h < (1L << 61); m++) {
            long t = q * h + (m << (8 * j)) - 1; // remainder ..(m-1) ff..ff, then ..m 00..00
            assertTrue(d.weightMillis(t) >= d.weightMillis(t + 1), days + " days, t=" + t);
          }
        }
      }
    }
  }

  @Test
  void withinTheStatedBoundOfStrictMathPow() {
    PropertyCheck.forAll(Gen.weighted(1, wholeMillisHalfLives(), 1, halfLives()), days -> {
      Decay d = Decay.halfLife(days);
      double hExact = days * MS_PER_DAY;
      long h = Math.max(1, (long) Math.rint(hExact));
      double rounding = Math.abs(h - hExact) / h;
      java.util.SplittableRandom r = new java.util.SplittableRandom(Double.doubleToLongBits(days));
      for (int i = 0; i < 200; i++) {
        long t = agesFor(days).next(r)[0];
        double ageDays = t / MS_PER_DAY;
        double y = ageDays / days;
        double ref = StrictMath.pow(0.5, y);
        if (ref < 0x1p-1000) {
          continue;
        }
        double bound = (4 + 1.5 * y) * ULP1 + Math.expm1(1.01 * y * Math.log(2) * rounding);
        double rel = Math.abs(d.weight(ageDays) - ref) / ref;
        assertTrue(rel <= bound, "age " + t + " ms: relative difference " + rel + " > " + bound);
      }
    });
  }

  @Test
  void daysAndMillisAgreeBelowTwoToThe51() {
    PropertyCheck.forAll(halfLives(), days -> {
      Decay d = Decay.halfLife(days);
      java.util.SplittableRandom r = new java.util.SplittableRandom(Double.doubleToLongBits(days));
      for (int i = 0; i < 50; i++) {
        long t = r.nextInt(4) == 0 ? r.nextLong(1L << 51) : r.nextLong(400 * 86_400_000L);
        assertEquals(d.weightMillis(t), d.weight(t / MS_PER_DAY), "t=" + t);
      }
    });
  }

  /** The tables are a function of the half-life alone: two builds give the same bits everywhere. */
  @Test
  void rebuildingGivesTheSameBits() {
    PropertyCheck.forAll(halfLives(), days -> {
      Decay a = Decay.halfLife(days);
      Decay b = new Decay.HalfLife(days);
      assertEquals(a, b);
      assertEquals(a.hashCode(), b.hashCode());
      java.util.SplittableRandom r = new java.util.SplittableRandom(Double.doubleToLongBits(days));
      for (int i = 0; i < 50; i++) {
        long t = r.nextLong(1L << 62);
        assertEquals(Double.doubleToRawLongBits(a.weightMillis(t)), Double.doubleToRawLongBits(b.weightMillis(t)));
      }
    });
  }

  @Test
  void valueSemanticsAndMemoryAreThoseStated() {
    Decay.HalfLife d = new Decay.HalfLife(30);
    assertEquals("HalfLife[days=30.0]", d.toString());
    assertEquals(Double.hashCode(30.0), d.hashCode());
    assertNotEquals(d, new Decay.HalfLife(30.000001));
    assertEquals(30.0, d.days());
    assertEquals(7_384, new HalfLifeTable(30).tableBytes());
    PropertyCheck.forAll(Gen.weighted(3, halfLives(), 1, Gen.doubles(1, Double.MAX_VALUE)), days ->
        assertTrue(new HalfLifeTable(days).tableBytes() <= 12_416, "days=" + days));
    assertEquals(12_416, new HalfLifeTable(1e300).tableBytes());
  }

  /** Step schedules and no decay read millisecond ages through days, bit for bit. */
  @Test
  void otherDecaysReadMillisThroughDays() {
    Decay steps = Decay.standardSteps();
    PropertyCheck.forAll(Gen.longs(0, 400 * 86_400_000L), t -> {
      assertEquals(steps.weight(t / MS_PER_DAY), steps.weightMillis(t));
      assertEquals(1.0, Decay.none().weightMillis(t));
    });
    assertEquals(1.0, steps.weightMillis(7 * 86_400_000L));
    assertEquals(0.75, steps.weightMillis(7 * 86_400_000L + 1));
  }
}
