package dev.leadscore.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import org.junit.jupiter.api.Test;

/** The normal distribution against 20-digit reference values (mpmath at 40 digits, at the exact doubles). */
class NormalTest {
  /** {x, Q(x) = P(Z > x)}. */
  private static final double[][] UPPER_TAIL = {
      {0.0, 0.5},
      {0.5, 0.30853753872598689636},
      {1.0, 0.15865525393145705141},
      {1.5, 0.066807201268858066004},
      {1.959963984540054, 0.025000000000000010876},
      {1.999, 0.022804176932658882735},
      {2.0, 0.0227501319481792072},
      {2.001, 0.02269619494564155651},
      {2.5, 0.006209665325776135167},
      {3.0, 0.0013498980316300945267},
      {4.0, 0.000031671241833119921254},
      {5.0, 2.8665157187919391167e-7},
      {6.0, 9.865876450376981407e-10},
      {8.0, 6.2209605742717841235e-16},
      {10.0, 7.619853024160526066e-24},
      {15.0, 3.6709661993127508858e-51},
      {20.0, 2.7536241186062336951e-89},
      {30.0, 4.9067139271481870595e-198},
      {37.0, 5.7255712225245768227e-300},
      {-1.0, 0.84134474606854294859},
      {-3.0, 0.99865010196836990547},
  };

  /** {q, x with Q(x) = q}. */
  private static final double[][] QUANTILES = {
      {0.5, 0.0},
      {0.25, 0.6744897501960817432},
      {0.1, 1.2815515655446004353},
      {0.05, 1.644853626951472688},
      {0.025, 1.9599639845400542118},
      {0.005, 2.5758293035489007538},
      {0.0005, 3.2905267314918947874},
      {1e-10, 6.3613409024040561991},
      {1e-100, 21.273453560965324294},
      {0.9, -1.2815515655446005935},
  };

  @Test
  void upperTailMatchesReferenceValuesToTenDigitsOfTenThousand() {
    for (double[] row : UPPER_TAIL) {
      double q = Normal.upperTail(row[0]);
      assertEquals(row[1], q, 1e-14 * row[1], "Q(" + row[0] + ")");
      assertEquals(1 - row[1], Normal.cdf(row[0]), 3e-16, "Φ(" + row[0] + ")");
    }
  }

  @Test
  void wellKnownValues() {
    assertEquals(0.97500210485177956379, Normal.cdf(1.96), 2e-16);
    assertEquals(0.2419707245191433498, Normal.density(1.0), 1e-16);
    assertEquals(1.473646134878547519e-196, Normal.density(30.0), 1e-15 * 1.47e-196);
    assertEquals(0.0, Normal.upperTail(41));
    assertEquals(1.0, Normal.upperTail(-41));
    assertEquals(0.0, Normal.density(45));
    assertTrue(Double.isNaN(Normal.upperTail(Double.NaN)));
    assertEquals(1.0, Normal.twoSidedP(0.0));
    assertEquals(0.050000000000000021752, Normal.twoSidedP(1.959963984540054), 1e-15 * 0.05 * 7);
    assertTrue(Double.isNaN(Normal.twoSidedP(Double.NaN)));
    assertEquals(0.0, Normal.upperTail(Double.POSITIVE_INFINITY));
    assertEquals(1.0, Normal.upperTail(Double.NEGATIVE_INFINITY));
  }

  @Test
  void quantilesMatchReferenceValues() {
    for (double[] row : QUANTILES) {
      assertEquals(row[1], Normal.upperQuantile(row[0]), 1e-14 * Math.max(1, Math.abs(row[1])), "q = " + row[0]);
    }
    for (double bad : new double[] {0, 1, -0.1, 1.1, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> Normal.upperQuantile(bad), "q = " + bad);
    }
  }

  @Test
  void wichuraQuantileMatchesReferenceValues() {
    for (double[] row : QUANTILES) {
      // Φ⁻¹(q) = −x where Q(x) = q.
      assertEquals(-row[1], Normal.quantile(row[0]), 2e-15 * Math.max(1, Math.abs(row[1])), "p = " + row[0]);
    }
    for (double bad : new double[] {0, 1, -0.1, 1.1, Double.NaN}) {
      assertThrows(IllegalArgumentException.class, () -> Normal.quantile(bad), "p = " + bad);
    }
  }

  @Test
  void theTwoQuantilesAgreeToRoundOff() {
    PropertyCheck.forAll(Gen.doubles(1e-12, 1 - 1e-12), p -> {
      if (p <= 0 || p >= 1) {
        return;
      }
      double x = Normal.quantile(p);
      assertEquals(x, -Normal.upperQuantile(p), 1e-13 * Math.max(1, Math.abs(x)), "p = " + p);
    });
  }

  @Test
  void symmetryAndMonotonicity() {
    PropertyCheck.forAll(Gen.doubles(-40, 40), x -> {
      assertEquals(1.0, Normal.cdf(x) + Normal.cdf(-x), 4e-16, "Φ(x) + Φ(−x) = 1");
      assertEquals(Normal.density(x), Normal.density(-x));
      double y = x + 1e-3;
      assertTrue(Normal.upperTail(y) <= Normal.upperTail(x), "Q decreasing");
      double q = Normal.upperTail(x);
      assertTrue(q >= 0 && q <= 1);
    });
  }

  @Test
  void quantileInvertsTheTail() {
    Gen<Double> q = Gen.anyOf(Gen.doubles(1e-6, 1 - 1e-6), Gen.doubles(-300, -1).map(e -> Math.pow(10, e)));
    PropertyCheck.forAll(q, p -> {
      if (p <= 0 || p >= 1) {
        return;
      }
      double x = Normal.upperQuantile(p);
      // The tail's relative slope at x is |Q'/Q| ≈ max(1, x): that bounds the round trip's error.
      assertEquals(p, Normal.upperTail(x), 1e-13 * p * Math.max(1, Math.abs(x)), "q = " + p + ", x = " + x);
    });
  }
}
