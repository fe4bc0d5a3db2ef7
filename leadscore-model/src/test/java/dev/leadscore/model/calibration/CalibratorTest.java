package dev.leadscore.model.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hand-computed cases and argument checks for the three calibrators and their fitting. */
class CalibratorTest {

  private static final double EPS = Calibrator.Isotonic.PROBABILITY_EPSILON;

  private static void assertMessage(String expectedPart, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
  }

  // ------------------------------------------------------------------------------ Platt

  @Test
  void plattIsALogisticCurveInTheLogit() {
    Calibrator.Platt p = new Calibrator.Platt(2.0, -1.0);
    // z = 2·1 − 1 = 1, sigmoid(1) = 1 / (1 + e^-1) = 0.7310585786300049
    assertEquals(0.7310585786300049, p.probability(1.0), 1e-16);
    // z = 2·0.5 − 1 = 0 -> exactly one half
    assertEquals(0.5, p.probability(0.5));
    // z = 2·(−1) − 1 = −3, sigmoid(−3) = e^-3 / (1 + e^-3) = 0.04742587317756678
    assertEquals(0.04742587317756678, p.probability(-1.0), 1e-17);
  }

  @Test
  void plattIsStableForHugeLogits() {
    Calibrator.Platt p = new Calibrator.Platt(1.0, 0.0);
    assertEquals(1.0, p.probability(800.0));
    assertEquals(0.0, p.probability(-800.0));
    assertEquals(1.0, p.probability(Double.MAX_VALUE));
    assertEquals(0.0, p.probability(-Double.MAX_VALUE));
    assertEquals(1.0, p.probability(Double.POSITIVE_INFINITY));
    assertEquals(0.0, p.probability(Double.NEGATIVE_INFINITY));
    // −710 is where e^-z overflows: the branch for z < 0 never forms it.
    assertEquals(Math.exp(-710.0), p.probability(-710.0), 0.0);
    // A flat curve (a = 0) ignores even infinite logits instead of forming 0·∞ = NaN.
    Calibrator.Platt flat = new Calibrator.Platt(0.0, 0.0);
    assertEquals(0.5, flat.probability(Double.POSITIVE_INFINITY));
  }

  @Test
  void plattRejectsNonFiniteParametersAndNaNLogits() {
    assertMessage("slope a must be finite, got a=NaN", () -> new Calibrator.Platt(Double.NaN, 0));
    assertMessage("intercept b must be finite, got b=Infinity", () -> new Calibrator.Platt(1, Double.POSITIVE_INFINITY));
    assertMessage("logit is NaN", () -> new Calibrator.Platt(1, 0).probability(Double.NaN));
    assertMessage("logits[1] is NaN", () -> new Calibrator.Platt(1, 0).probabilities(new double[] {0, Double.NaN}));
    assertEquals(new Calibrator.Platt(0.0, 1.0), new Calibrator.Platt(-0.0, 1.0));
  }

  @Test
  void fitPlattOnTwoSymmetricPointsGivesLn2() {
    // One negative at −1, one positive at +1: N₊ = N₋ = 1, targets 2/3 and 1/3. By symmetry b = 0,
    // and the gradient (p(1) − 2/3) − (p(−1) − 1/3) vanishes when sigmoid(a) = 2/3, a = ln 2.
    Calibrator.Platt p = Calibrator.fitPlatt(new double[] {-1, 1}, new boolean[] {false, true}, null);
    assertEquals(Math.log(2), p.a(), 1e-12);
    assertEquals(0.0, p.b(), 1e-12);
    assertEquals(2.0 / 3.0, p.probability(1.0), 1e-12);
  }

  @Test
  void fitPlattOnConstantLogitsIsFlatAtTheMeanTarget() {
    // N₊ = 1, N₋ = 2: targets 2/3 and 1/4; mean target (2/3 + 2/4) / 3 = 7/18; b = ln(7/11).
    Calibrator.Platt p = Calibrator.fitPlatt(new double[] {0.5, 0.5, 0.5}, new boolean[] {true, false, false}, null);
    assertEquals(0.0, p.a());
    assertEquals(Math.log(7.0 / 11.0), p.b(), 1e-15);
    assertEquals(7.0 / 18.0, p.probability(123.0), 1e-15);
  }

  @Test
  void fitPlattStaysFiniteOnPerfectlySeparatedLogits() {
    double[] f = {-3, -2, -1, 1, 2, 3};
    boolean[] y = {false, false, false, true, true, true};
    Calibrator.Platt p = Calibrator.fitPlatt(f, y, null);
    // Smoothed targets 4/5 and 1/5 cap the slope: sigmoid at the data stays near them.
    assertTrue(p.a() > 0 && Double.isFinite(p.a()), "a=" + p.a());
    assertEquals(0.0, p.b(), 1e-12);
    assertTrue(p.probability(3) < 0.99 && p.probability(3) > 0.8, String.valueOf(p.probability(3)));
  }

  @Test
  void fitPlattWithZeroWeightIgnoresTheRow() {
    double[] f = {-1, 1, 5};
    boolean[] y = {false, true, false};
    Calibrator.Platt withZero = Calibrator.fitPlatt(f, y, new double[] {1, 1, 0});
    Calibrator.Platt without = Calibrator.fitPlatt(new double[] {-1, 1}, new boolean[] {false, true}, null);
    assertEquals(without.a(), withZero.a(), 1e-12);
    assertEquals(without.b(), withZero.b(), 1e-12);
  }

  @Test
  void fitPlattValidatesItsArguments() {
    assertMessage("empty input", () -> Calibrator.fitPlatt(new double[0], new boolean[0], null));
    assertMessage("got 2 logits and 1 labels", () -> Calibrator.fitPlatt(new double[2], new boolean[1], null));
    assertMessage("got 2 logits and 3 weights", () -> Calibrator.fitPlatt(new double[2], new boolean[2], new double[3]));
    assertMessage("logits[1] must be finite, got NaN",
        () -> Calibrator.fitPlatt(new double[] {0, Double.NaN}, new boolean[2], null));
    assertMessage("weights[0] must be finite and >= 0, got -1.0",
        () -> Calibrator.fitPlatt(new double[2], new boolean[2], new double[] {-1, 1}));
    assertMessage("total weight must be positive",
        () -> Calibrator.fitPlatt(new double[2], new boolean[2], new double[] {0, 0}));
    assertThrows(NullPointerException.class, () -> Calibrator.fitPlatt(null, new boolean[0], null));
  }

  // ------------------------------------------------------------------------------ Isotonic

  @Test
  void isotonicPoolsViolatorsAndInterpolates() {
    // Labels 0,1,0,1 at x = 1..4: the middle pair violates and pools to 1/2.
    Calibrator.Isotonic iso = Calibrator.fitIsotonic(new double[] {4, 2, 3, 1},
        new boolean[] {true, true, false, false}, null);
    assertArrayEquals(new double[] {1, 2, 3, 4}, iso.thresholds());
    assertArrayEquals(new double[] {0, 0.5, 0.5, 1}, iso.values());
    assertEquals(0.25, iso.probability(1.5)); // halfway from 0 to 0.5
    assertEquals(0.5, iso.probability(2.5));
    assertEquals(0.75, iso.probability(3.5));
    assertEquals(0.5, iso.probability(2.0));
    assertEquals(EPS, iso.probability(1.0)); // value 0, kept away from 0
    assertEquals(EPS, iso.probability(-100)); // clipped to the first point, then to ε
    assertEquals(1 - EPS, iso.probability(100));
    assertEquals(1 - EPS, iso.probability(Double.POSITIVE_INFINITY));
  }

  @Test
  void isotonicPoolsTiedLogitsFirst() {
    // x = 1 twice (one converted, one not): one point 1/2 of weight 2; then 0 at x = 2 violates
    // and pools: (0.5·2 + 0·1) / 3 = 1/3 at both points.
    Calibrator.Isotonic iso = Calibrator.fitIsotonic(new double[] {1, 1, 2}, new boolean[] {true, false, false}, null);
    assertArrayEquals(new double[] {1, 2}, iso.thresholds());
    assertArrayEquals(new double[] {1.0 / 3, 1.0 / 3}, iso.values(), 1e-16);
  }

  @Test
  void isotonicDropsPointsEqualToBothNeighbours() {
    // 0,0,0,1,1,1 at x = 1..6: interior points equal to both neighbours go; 1, 3, 4, 6 remain.
    Calibrator.Isotonic iso = Calibrator.fitIsotonic(new double[] {1, 2, 3, 4, 5, 6},
        new boolean[] {false, false, false, true, true, true}, null);
    assertArrayEquals(new double[] {1, 3, 4, 6}, iso.thresholds());
    assertArrayEquals(new double[] {0, 0, 1, 1}, iso.values());
    assertEquals(0.5, iso.probability(3.5));
  }

  @Test
  void isotonicWeightsActAsRepeats() {
    // Weight 3 on the converted row at x = 1 and 1 on the other: (3·1 + 1·0) / 4 = 0.75 at x = 1,
    // then 0 at x = 2 pools: (0.75·4 + 0) / 5 = 0.6.
    Calibrator.Isotonic iso = Calibrator.fitIsotonic(new double[] {1, 1, 2}, new boolean[] {true, false, false},
        new double[] {3, 1, 1});
    assertArrayEquals(new double[] {0.6, 0.6}, iso.values(), 1e-16);
  }

  @Test
  void singlePointIsotonicIsConstant() {
    Calibrator.Isotonic iso = new Calibrator.Isotonic(new double[] {0.0}, new double[] {0.3});
    assertEquals(0.3, iso.probability(-1e300));
    assertEquals(0.3, iso.probability(1e300));
  }

  @Test
  void isotonicInterpolatesAcrossHugeAndTinyGaps() {
    // Thresholds whose difference overflows a double: interpolation stays finite and exact-ish.
    Calibrator.Isotonic wide = new Calibrator.Isotonic(new double[] {-1e308, 1e308}, new double[] {0.2, 0.8});
    assertEquals(0.5, wide.probability(0.0), 1e-15);
    // Thresholds one ulp apart: the slope overflows; the value still lies between the ends.
    double t = 1.0;
    Calibrator.Isotonic narrow = new Calibrator.Isotonic(new double[] {t, Math.nextUp(t), 2}, new double[] {0.1, 0.9, 0.95});
    assertEquals(0.1, narrow.probability(t));
    assertEquals(0.9, narrow.probability(Math.nextUp(t)));
  }

  @Test
  void isotonicRecordDoesNotLeakItsArrays() {
    double[] t = {0, 1};
    double[] v = {0.2, 0.4};
    Calibrator.Isotonic iso = new Calibrator.Isotonic(t, v);
    t[0] = -5;
    v[0] = 0.0;
    assertEquals(0.2, iso.probability(0));
    iso.thresholds()[1] = 99;
    iso.values()[1] = 1.0;
    assertEquals(0.4, iso.probability(1));
    assertEquals(new Calibrator.Isotonic(new double[] {0, 1}, new double[] {0.2, 0.4}), iso);
    assertEquals(new Calibrator.Isotonic(new double[] {0, 1}, new double[] {0.2, 0.4}).hashCode(), iso.hashCode());
    assertNotEquals(new Calibrator.Isotonic(new double[] {0, 1}, new double[] {0.2, 0.5}), iso);
    assertTrue(iso.toString().contains("2 points"), iso.toString());
  }

  @Test
  void isotonicValidatesItsPoints() {
    assertMessage("at least one point", () -> new Calibrator.Isotonic(new double[0], new double[0]));
    assertMessage("got 2 thresholds and 1 values", () -> new Calibrator.Isotonic(new double[2], new double[1]));
    assertMessage("strictly increasing, got thresholds[0]=1.0 and thresholds[1]=1.0",
        () -> new Calibrator.Isotonic(new double[] {1, 1}, new double[] {0, 0}));
    assertMessage("thresholds[0] must be finite, got -Infinity",
        () -> new Calibrator.Isotonic(new double[] {Double.NEGATIVE_INFINITY}, new double[] {0}));
    assertMessage("values[1] must be in [0, 1], got 1.5",
        () -> new Calibrator.Isotonic(new double[] {0, 1}, new double[] {0, 1.5}));
    assertMessage("non-decreasing, got values[0]=0.5 and values[1]=0.4",
        () -> new Calibrator.Isotonic(new double[] {0, 1}, new double[] {0.5, 0.4}));
    assertThrows(NullPointerException.class, () -> new Calibrator.Isotonic(null, new double[0]));
    assertMessage("logit is NaN",
        () -> new Calibrator.Isotonic(new double[] {0}, new double[] {0}).probability(Double.NaN));
  }

  @Test
  void fitIsotonicValidatesItsArguments() {
    assertMessage("got 3 logits and 2 labels", () -> Calibrator.fitIsotonic(new double[3], new boolean[2], null));
    assertMessage("logits[0] must be finite, got Infinity",
        () -> Calibrator.fitIsotonic(new double[] {Double.POSITIVE_INFINITY}, new boolean[1], null));
    assertMessage("weights[1] must be finite and >= 0, got NaN",
        () -> Calibrator.fitIsotonic(new double[2], new boolean[2], new double[] {1, Double.NaN}));
  }

  // ------------------------------------------------------------------------------ Identity

  @Test
  void identityIsThePlainSigmoid() {
    assertSame(Calibrator.identity(), Calibrator.identity());
    assertEquals(new Calibrator.Identity(), Calibrator.identity());
    assertEquals(0.5, Calibrator.identity().probability(0));
    // 1 / (1 + e^-2) = 0.8807970779778823
    assertEquals(0.8807970779778823, Calibrator.identity().probability(2), 1e-16);
    assertEquals(0.0, Calibrator.identity().probability(-1000));
    assertEquals(1.0, Calibrator.identity().probability(1000));
  }
}
