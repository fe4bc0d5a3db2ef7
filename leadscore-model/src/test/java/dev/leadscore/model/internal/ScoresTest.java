package dev.leadscore.model.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import org.junit.jupiter.api.Test;

/** {@link Scores#of} is, bit for bit, {@code 100 * p} clamped to [0, 100] with Math.min/max. */
class ScoresTest {
  private static double definition(double p) {
    return Math.max(0.0, Math.min(100.0, 100.0 * p));
  }

  private static void same(double p) {
    assertEquals(Double.doubleToRawLongBits(definition(p)), Double.doubleToRawLongBits(Scores.of(p)), () -> "p = " + p);
  }

  @Test
  void isTheClampedScaleBitForBit() {
    PropertyCheck.forAll(Gen.anyOf(Gen.doubles(0, 1), Gen.doubles(-0.5, 1.5), Gen.doubleBits()), ScoresTest::same);
    for (double p : new double[] {0.0, -0.0, 1.0, Math.nextUp(1.0), Math.nextDown(0.0), Double.MIN_VALUE, 0.999999999999,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
      same(p);
    }
  }
}
