package dev.leadscore.core.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import org.junit.jupiter.api.Test;

/**
 * {@code log1pCount} (a table for small integers, {@link FdlibmLog1p} otherwise) gives bit for bit
 * what {@link StrictMath#log1p} gives, which is what {@code Math.log1p} gives on JDK 17.
 */
class Log1pCountTest {

  private static void same(double v) {
    assertEquals(
        Double.doubleToRawLongBits(StrictMath.log1p(v)),
        Double.doubleToRawLongBits(CompiledFeature.log1pCount(v)),
        () -> "log1p(" + v + ")");
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
