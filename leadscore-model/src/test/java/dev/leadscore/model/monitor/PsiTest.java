package dev.leadscore.model.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.monitor.Health.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

class PsiTest {
  @Test
  void psiMatchesAHandComputation() {
    // (0.25 - 0.5) ln(0.25 / 0.5) + (0.75 - 0.5) ln(0.75 / 0.5) = 0.25 ln 2 + 0.25 ln 1.5
    assertEquals(0.25 * 0.6931471805599453 + 0.25 * 0.4054651081081644,
        Monitor.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), 1e-15);
    assertEquals(0.2746530721670274, Monitor.psi(new double[] {0.5, 0.5}, new double[] {0.25, 0.75}), 1e-15);
    // ten equal deciles, the batch piles 30 % into the top one and 0 % into the bottom one:
    // (0.0001 - 0.1) ln(0.0001 / 0.1) + (0.3 - 0.1) ln(0.3 / 0.1)
    double[] ref = {0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1};
    double[] cur = {0.0, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.0, 0.3};
    double expected = 2 * (0.0001 - 0.1) * Math.log(0.0001 / 0.1) + 0.2 * Math.log(3);
    assertEquals(expected, Monitor.psi(ref, cur), 1e-12);
    assertEquals(1.5999, Monitor.psi(ref, cur), 1e-4);
    assertEquals(0.0, Monitor.psi(ref, ref));
  }

  @Test
  void anEmptyBinOnBothSidesAddsNothingAndOnOneSideAFiniteAmount() {
    assertEquals(0.0, Monitor.psi(new double[] {0.0, 1.0}, new double[] {0.0, 1.0}));
    double oneSided = Monitor.psi(new double[] {0.0, 1.0}, new double[] {0.5, 0.5});
    // (0.5 - eps) ln(0.5 / eps) + (0.5 - 1) ln(0.5)
    assertEquals((0.5 - Monitor.PSI_EPSILON) * Math.log(0.5 / Monitor.PSI_EPSILON) - 0.5 * Math.log(0.5), oneSided,
        1e-12);
    assertTrue(Double.isFinite(oneSided));
  }

  @Test
  void chiSquareMatchesAHandComputedContingencyTable() {
    // reference 50 / 50 of 100 rows, batch 25 / 75 of 100 rows: expected 37.5 / 62.5 in each row,
    // X2 = 2 (12.5^2 / 37.5 + 12.5^2 / 62.5) = 13.333...
    assertEquals(40.0 / 3, Monitor.chiSquare(new double[] {0.5, 0.5}, 100, new double[] {0.25, 0.75}, 100), 1e-12);
    // a bin empty on both sides adds nothing
    assertEquals(40.0 / 3, Monitor.chiSquare(new double[] {0.5, 0.5, 0}, 100, new double[] {0.25, 0.75, 0}, 100),
        1e-12);
    assertEquals(0.0, Monitor.chiSquare(new double[] {0.2, 0.8}, 800, new double[] {0.2, 0.8}, 50));
  }

  @Test
  void chiSquareCriticalValuesAreCloseToTheTable() {
    // upper 0.1 % points of chi-square: 10.828 (1 dof), 16.266 (3), 27.877 (9), 51.179 (24)
    assertEquals(10.828, DriftStatistics.chiSquareCritical(1), 10.828 * 0.04);
    assertEquals(16.266, DriftStatistics.chiSquareCritical(3), 16.266 * 0.02);
    assertEquals(27.877, DriftStatistics.chiSquareCritical(9), 27.877 * 0.01);
    assertEquals(51.179, DriftStatistics.chiSquareCritical(24), 51.179 * 0.01);
    assertEquals(Double.POSITIVE_INFINITY, DriftStatistics.chiSquareCritical(0));
    assertEquals(Status.OK, DriftStatistics.psiStatus(0.5, 10.0, 1), "large PSI but not significant");
    assertEquals(Status.RETRAIN, DriftStatistics.psiStatus(0.5, 12.0, 1));
    assertEquals(Status.WATCH, DriftStatistics.psiStatus(0.12, 100.0, 1));
  }

  @Test
  void statusThresholdsAreTheUsualOnes() {
    assertEquals(Status.OK, DriftStatistics.psiStatus(0.0999));
    assertEquals(Status.WATCH, DriftStatistics.psiStatus(0.10));
    assertEquals(Status.WATCH, DriftStatistics.psiStatus(0.2499));
    assertEquals(Status.RETRAIN, DriftStatistics.psiStatus(0.25));
    assertEquals(Status.OK, DriftStatistics.missingStatus(-0.0999));
    assertEquals(Status.WATCH, DriftStatistics.missingStatus(-0.10));
    assertEquals(Status.RETRAIN, DriftStatistics.missingStatus(0.30));
  }

  @Test
  void badInputNamesTheRule() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Monitor.psi(new double[] {1}, new double[] {0.5, 0.5}));
    assertTrue(e.getMessage().contains("1 reference and 2 current"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> Monitor.psi(new double[] {1}, new double[] {Double.NaN}));
    assertTrue(e.getMessage().contains("current[0] = NaN"), e.getMessage());
  }

  @Test
  void psiIsFiniteNonNegativeAndZeroOnlyForEqualShares() {
    Gen<List<Double>> weights = Gen.lists(Gen.weighted(1, Gen.constant(0.0), 4, Gen.doubles(0, 1)), 2, 12);
    PropertyCheck.forAll(weights, weights, (a, b) -> {
      int k = Math.min(a.size(), b.size());
      double[] e = normalised(a, k);
      double[] c = normalised(b, k);
      double psi = Monitor.psi(e, c);
      assertTrue(psi >= 0 && Double.isFinite(psi), "psi " + psi);
      assertEquals(psi, Monitor.psi(c, e), 1e-9, "PSI is symmetric");
      assertEquals(0.0, Monitor.psi(e, e));
    });
  }

  private static double[] normalised(List<Double> w, int k) {
    double[] s = new double[k];
    double sum = 0;
    for (int i = 0; i < k; i++) {
      sum += w.get(i);
    }
    for (int i = 0; i < k; i++) {
      s[i] = sum == 0 ? (i == 0 ? 1 : 0) : w.get(i) / sum;
    }
    return s;
  }
}
