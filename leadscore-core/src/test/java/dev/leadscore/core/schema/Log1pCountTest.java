package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code log1pCount} (a table for small integers, {@link FdlibmLog1p} otherwise) gives bit for bit
 * what {@link StrictMath#log1p} and {@link Math#log1p} give (Math delegates to StrictMath).
 */
class Log1pCountTest {

  /**
   * The same bits as StrictMath.log1p (NaNs counted equal: JDKs differ on which NaN), and as
   * Math.log1p, which the rule scorer uses for its band edges and which must agree with extraction.
   */
  private static void same(double v) {
    long got = Double.doubleToLongBits(CompiledFeature.log1pCount(v));
    assertEquals(Double.doubleToLongBits(StrictMath.log1p(v)), got, () -> "log1p(" + v + ") against StrictMath");
    assertEquals(Double.doubleToLongBits(Math.log1p(v)), got, () -> "log1p(" + v + ") against Math");
  }

  @Test
  void matchesOnSmallIntegersAndAroundThem() {
    for (int k = -3; k <= 5000; k++) {
      same(k);
      same(Math.nextUp((double) k));
      same(Math.nextDown((double) k));
      same(k + 0.5);
    }
  }

  @Test
  void matchesOnEdgeValues() {
    for (double v :
        new double[] {0.0, -0.0, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -1.0,
          Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE, 1023.0, 1024.0, 2147483647.0, 2147483648.0,
          -2147483648.0, 1e300}) {
      same(v);
    }
  }

  @Test
  void matchesOnArbitraryDoubles() {
    PropertyCheck.forAll(Gen.doubleBits(), Log1pCountTest::same);
    PropertyCheck.forAll(Gen.doubles(0, 1100), Log1pCountTest::same);
  }
}
