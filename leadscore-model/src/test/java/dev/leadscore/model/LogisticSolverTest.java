package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LogisticSolverTest {
  static final double TOL = LogisticSolver.DEFAULT_TOLERANCE;

  static LinearModel fit(double[] x, int n, int d, boolean[] y, double[] s, double lambda) {
    return fit(x, n, d, y, s, lambda, Workers.single());
  }

  static LinearModel fit(double[] x, int n, int d, boolean[] y, double[] s, double lambda, Workers workers) {
    return fit(x, n, d, y, s, lambda, workers, TOL);
  }

  static LinearModel fit(double[] x, int n, int d, boolean[] y, double[] s, double lambda, Workers workers,
      double tolerance) {
    LambdaPath path = new LambdaPath(x.clone(), n, d, y, s, workers, null);
    return path.fit(lambda, null, 100, tolerance, LogisticSolver.Listener.NONE, false);
  }

  /** Tight enough that the tiny closed-form cases are solved to the last few bits. */
  static final double EXACT = 1e-15;

  static boolean[] labels(int... ones) {
    boolean[] y = new boolean[ones.length];
    for (int i = 0; i < ones.length; i++) {
      y[i] = ones[i] == 1;
    }
    return y;
  }

  /** Two groups at x = -1 and x = +1 (so z = x): 1 of 4 and 3 of 4 converted. */
  static final double[] TWO_GROUPS = {-1, -1, -1, -1, 1, 1, 1, 1};
  static final boolean[] TWO_GROUPS_Y = labels(1, 0, 0, 0, 1, 1, 1, 0);

  @Test
  void unpenalisedFitReproducesTheGroupRatesInClosedForm() {
    // MLE with lambda = 0: p(-1) = 1/4, p(+1) = 3/4, so b = 0 and w = ln 3.
    LinearModel m = fit(TWO_GROUPS, 8, 1, TWO_GROUPS_Y, null, 0.0, Workers.single(), EXACT);
    assertEquals(0.0, m.intercept, 1e-15);
    assertEquals(Math.log(3), m.weights[0], 1e-14);
  }

  @Test
  void penalisedFitSolvesTheStationaryEquation() {
    // With b = 0 by symmetry the gradient in w is 8 sigmoid(w) - 6 + lambda w = 0.
    double lambda = 1.0;
    double lo = 0;
    double hi = 2;
    for (int k = 0; k < 200; k++) {
      double mid = 0.5 * (lo + hi);
      if (8 / (1 + Math.exp(-mid)) - 6 + lambda * mid > 0) {
        hi = mid;
      } else {
        lo = mid;
      }
    }
    LinearModel m = fit(TWO_GROUPS, 8, 1, TWO_GROUPS_Y, null, lambda, Workers.single(), EXACT);
    assertEquals(0.0, m.intercept, 1e-15);
    assertEquals(0.5 * (lo + hi), m.weights[0], 1e-14);
  }

  @Test
  void constantFeatureGivesInterceptOnlyClosedForm() {
    double[] x = {5, 5, 5, 5};
    LinearModel m = fit(x, 4, 1, labels(1, 0, 0, 0), null, 1.0);
    assertEquals(Math.log(1.0 / 3.0), m.intercept, 1e-15);
    assertEquals(0.0, m.weights[0]);
  }

  @Test
  void gradientAtTheOptimumIsBelowTolerance() {
    Fixtures.Data data = Fixtures.logistic(5000, 12, 3, -1.0);
    for (double lambda : new double[] {0.0, 1e-3, 1.0, 100.0}) {
      LinearModel m = fit(data.x(), data.n(), data.d(), data.y(), null, lambda);
      double g = independentMaxGradient(data, null, m, lambda);
      assertTrue(g <= TOL, "lambda " + lambda + ": max |gradient| / n = " + g);
    }
  }

  /** The gradient recomputed with plain loops from the raw data, divided by sum(s). */
  static double independentMaxGradient(Fixtures.Data data, double[] s, LinearModel m, double lambda) {
    int n = data.n();
    int d = data.d();
    double[] g = new double[d + 1];
    double total = 0;
    for (int i = 0; i < n; i++) {
      double si = s == null ? 1 : s[i];
      total += si;
      double eta = m.logit(data.x(), i * d);
      double p = 1 / (1 + Math.exp(-eta));
      double r = si * (p - (data.y()[i] ? 1 : 0));
      g[0] += r;
      for (int j = 0; j < d; j++) {
        double sc = m.standardisation.scaleAt(j);
        if (sc > 0) {
          g[j + 1] += r * (data.x()[i * d + j] - m.standardisation.meanAt(j)) / sc;
        }
      }
    }
    double max = Math.abs(g[0]);
    for (int j = 0; j < d; j++) {
      max = Math.max(max, Math.abs(g[j + 1] + lambda * m.weights[j]));
    }
    return max / total;
  }

  @Test
  void aConstantColumnGetsWeightZeroAndChangesNothingElse() {
    Fixtures.Data data = Fixtures.logistic(800, 3, 5, 0.0);
    double[] withConstant = new double[800 * 4];
    for (int i = 0; i < 800; i++) {
      System.arraycopy(data.x(), i * 3, withConstant, i * 4, 2);
      withConstant[i * 4 + 2] = 7.5;
      withConstant[i * 4 + 3] = data.x()[i * 3 + 2];
    }
    LinearModel a = fit(data.x(), 800, 3, data.y(), null, 1.0);
    LinearModel b = fit(withConstant, 800, 4, data.y(), null, 1.0);
    assertEquals(0.0, b.weights[2]);
    assertEquals(a.intercept, b.intercept);
    assertArrayEquals(a.weights, new double[] {b.weights[0], b.weights[1], b.weights[3]});
  }

  @Test
  void duplicatedColumnsShareTheWeightOfOneColumnAtHalfTheLambda() {
    // w1 = w2 = v gives penalty lambda v^2 = (lambda / 2) / 2 * (2v)^2: one column at lambda / 2.
    Fixtures.Data data = Fixtures.logistic(1000, 1, 9, 0.0);
    double[] dup = new double[1000 * 2];
    for (int i = 0; i < 1000; i++) {
      dup[i * 2] = data.x()[i];
      dup[i * 2 + 1] = data.x()[i];
    }
    LinearModel both = fit(dup, 1000, 2, data.y(), null, 2.0, Workers.single(), EXACT);
    LinearModel one = fit(data.x(), 1000, 1, data.y(), null, 1.0, Workers.single(), EXACT);
    assertEquals(both.weights[0], both.weights[1], 1e-12);
    assertEquals(one.weights[0], both.weights[0] + both.weights[1], 1e-12);
    assertEquals(one.intercept, both.intercept, 1e-12);
  }

  @Test
  void collinearColumnsWithoutPenaltyFailClearly() {
    Fixtures.Data data = Fixtures.logistic(500, 2, 9, 0.0);
    double[] dup = new double[500 * 3];
    for (int i = 0; i < 500; i++) {
      dup[i * 3] = data.x()[i * 2];
      dup[i * 3 + 1] = 3 * data.x()[i * 2] - 7;
      dup[i * 3 + 2] = data.x()[i * 2 + 1];
    }
    TrainingException e = assertThrows(TrainingException.class, () -> fit(dup, 500, 3, data.y(), null, 0.0));
    assertTrue(e.getMessage().contains("collinear") && e.getMessage().contains("lambda > 0"), e.getMessage());
  }

  @Test
  void separableClassesConvergeWithPenaltyAndFailClearlyWithout() {
    int n = 200;
    double[] x = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i >= 100;
    }
    for (double lambda : new double[] {1e-3, 1.0}) {
      LinearModel m = fit(x, n, 1, y, null, lambda);
      assertTrue(Double.isFinite(m.weights[0]) && m.weights[0] > 0, "weight " + m.weights[0]);
    }
    TrainingException e = assertThrows(TrainingException.class, () -> fit(x, n, 1, y, null, 0.0));
    assertTrue(e.getMessage().contains("separable"), e.getMessage());
  }

  @Test
  void onePercentPositivesConverges() {
    Fixtures.Data data = Fixtures.logistic(20_000, 8, 13, -5.5);
    int pos = 0;
    for (boolean b : data.y()) {
      pos += b ? 1 : 0;
    }
    assertTrue(pos > 50 && pos < 400, "positives " + pos);
    LinearModel m = fit(data.x(), data.n(), data.d(), data.y(), null, 1e-3);
    assertTrue(independentMaxGradient(data, null, m, 1e-3) <= TOL);
    assertTrue(Arrays.stream(m.weights).allMatch(Double::isFinite));
  }

  @Test
  void fewerRowsThanColumnsConvergesWithPenalty() {
    Fixtures.Data data = Fixtures.logistic(20, 50, 17, 0.0);
    LinearModel m = fit(data.x(), data.n(), data.d(), data.y(), null, 1.0);
    assertTrue(independentMaxGradient(data, null, m, 1.0) <= TOL);
    assertTrue(Arrays.stream(m.weights).allMatch(Double::isFinite));
  }

  @Test
  void oneClassOnlyFailsClearly() {
    TrainingException e = assertThrows(TrainingException.class,
        () -> fit(new double[] {1, 2, 3}, 3, 1, labels(0, 0, 0), null, 1.0));
    assertTrue(e.getMessage().contains("both classes"), e.getMessage());
  }

  @Test
  void integerSampleWeightsEqualRepeatedRows() {
    Fixtures.Data data = Fixtures.logistic(300, 3, 21, 0.0);
    double[] s = new double[300];
    int total = 0;
    for (int i = 0; i < 300; i++) {
      s[i] = 1 + (i % 3);
      total += (int) s[i];
    }
    double[] rep = new double[total * 3];
    boolean[] repY = new boolean[total];
    int r = 0;
    for (int i = 0; i < 300; i++) {
      for (int k = 0; k < (int) s[i]; k++) {
        System.arraycopy(data.x(), i * 3, rep, r * 3, 3);
        repY[r++] = data.y()[i];
      }
    }
    // the standardisation is unweighted, so compare on already standardised features
    Standardisation st = Standardisation.fit(data.x(), 300, 3);
    double[] z = data.x().clone();
    st.standardiseInPlace(z, 300);
    double[] zRep = new double[total * 3];
    r = 0;
    for (int i = 0; i < 300; i++) {
      for (int k = 0; k < (int) s[i]; k++) {
        System.arraycopy(z, i * 3, zRep, r++ * 3, 3);
      }
    }
    LogisticSolver.Fit weighted = new LogisticSolver(new Design(z, 300, 3), data.y(), s, Workers.single(), null)
        .fit(1.0, null, 100, TOL, LogisticSolver.Listener.NONE, false);
    LogisticSolver.Fit repeated = new LogisticSolver(new Design(zRep, total, 3), repY, null, Workers.single(), null)
        .fit(1.0, null, 100, TOL, LogisticSolver.Listener.NONE, false);
    assertEquals(repeated.intercept, weighted.intercept, 1e-10);
    for (int j = 0; j < 3; j++) {
      assertEquals(repeated.weights[j], weighted.weights[j], 1e-10);
    }
  }

  @Test
  void resultsAreBitIdenticalForAnyThreadCount() {
    Fixtures.Data data = Fixtures.logistic(30_000, 6, 23, -1.0);
    LinearModel one = fit(data.x(), data.n(), data.d(), data.y(), null, 0.5, Workers.single());
    try (Workers three = new Workers(3)) {
      LinearModel many = fit(data.x(), data.n(), data.d(), data.y(), null, 0.5, three);
      assertEquals(one.intercept, many.intercept);
      assertArrayEquals(one.weights, many.weights);
    }
  }

  @Test
  void warmStartReachesTheSameOptimum() {
    Fixtures.Data data = Fixtures.logistic(3000, 5, 25, -1.0);
    LambdaPath path = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), null, Workers.single(), null);
    LinearModel big = path.fit(100.0, null, 100, TOL, LogisticSolver.Listener.NONE, false);
    LinearModel warm = path.fit(0.01, big, 100, TOL, LogisticSolver.Listener.NONE, false);
    LinearModel cold = path.fit(0.01, null, 100, TOL, LogisticSolver.Listener.NONE, false);
    // both stop within the tolerance of the optimum, from different sides
    assertEquals(cold.intercept, warm.intercept, 1e-8);
    for (int j = 0; j < data.d(); j++) {
      assertEquals(cold.weights[j], warm.weights[j], 1e-8);
    }
  }

  @Test
  void aMillionRowsConverge() {
    Fixtures.Data data = Fixtures.logistic(1_000_000, 4, 27, -1.5);
    try (Workers workers = new Workers(2)) {
      LinearModel m = fit(data.x(), data.n(), data.d(), data.y(), null, 1.0, workers);
      assertTrue(m.maxGradient <= TOL);
      assertTrue(Arrays.stream(m.weights).allMatch(Double::isFinite));
    }
  }

  @Test
  void nonFiniteInputIsRejectedNamingRowAndColumn() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> fit(new double[] {1, 2, Double.NaN, 4}, 2, 2, labels(0, 1), null, 1.0));
    assertTrue(e.getMessage().contains("row 1, column 0"), e.getMessage());
  }

  @Test
  void iterationLimitFailsWithTheNumbers() {
    Fixtures.Data data = Fixtures.logistic(2000, 5, 29, -1.0);
    LambdaPath path = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), null, Workers.single(), null);
    TrainingException e = assertThrows(TrainingException.class,
        () -> path.fit(1e-3, null, 1, TOL, LogisticSolver.Listener.NONE, false));
    assertTrue(e.getMessage().contains("did not converge in 1 iterations"), e.getMessage());
  }

  @Test
  void scoringReproducesTheSolversLogitsBitForBit() {
    Fixtures.Data data = Fixtures.logistic(500, 11, 31, -1.0);
    double[] withConstant = new double[500 * 12];
    for (int i = 0; i < 500; i++) {
      System.arraycopy(data.x(), i * 11, withConstant, i * 12, 11);
      withConstant[i * 12 + 11] = 3.0;
    }
    LinearModel m = fit(withConstant, 500, 12, data.y(), null, 0.3);
    double[] z = withConstant.clone();
    Design design = m.standardisation.standardiseInPlace(z, 500);
    double[] beta = m.compactStart;
    for (int i = 0; i < 500; i++) {
      double solver = LogisticSolver.linear(beta[0], beta, design.z, i * design.d, design.d);
      assertEquals(Double.doubleToRawLongBits(solver), Double.doubleToRawLongBits(m.logit(withConstant, i * 12)));
    }
  }

  @Test
  void conjugateGradientStepsReachTheSameOptimumAsExplicitNewton() {
    Fixtures.Data data = Fixtures.logistic(20_000, 120, 33, -1.2);
    for (double lambda : new double[] {1e-2, 10.0}) {
      LinearModel cg = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), null, Workers.single(), null,
          LogisticSolver.StepMethod.CONJUGATE_GRADIENT).fit(lambda, null, 100, TOL, LogisticSolver.Listener.NONE, false);
      LinearModel ex = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), null, Workers.single(), null,
          LogisticSolver.StepMethod.EXPLICIT).fit(lambda, null, 100, TOL, LogisticSolver.Listener.NONE, false);
      assertTrue(independentMaxGradient(data, null, cg, lambda) <= TOL);
      assertEquals(ex.intercept, cg.intercept, 1e-8);
      for (int j = 0; j < data.d(); j++) {
        assertEquals(ex.weights[j], cg.weights[j], 1e-8, "column " + j);
      }
    }
  }

  @Test
  void conjugateGradientPathHandlesSeparationAndCollinearity() {
    int n = 12_000;
    double[] x = new double[n];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      x[i] = i;
      y[i] = i >= n / 3;
    }
    LinearModel m = fit(x, n, 1, y, null, 1e-3);
    assertTrue(Double.isFinite(m.weights[0]) && m.weights[0] > 0);
    Fixtures.Data data = Fixtures.logistic(n, 2, 35, 0.0);
    double[] dup = new double[n * 3];
    for (int i = 0; i < n; i++) {
      dup[i * 3] = data.x()[i * 2];
      dup[i * 3 + 1] = -2 * data.x()[i * 2] + 5;
      dup[i * 3 + 2] = data.x()[i * 2 + 1];
    }
    TrainingException e = assertThrows(TrainingException.class, () -> fit(dup, n, 3, data.y(), null, 0.0));
    assertTrue(e.getMessage().contains("collinear"), e.getMessage());
    LinearModel ridge = fit(dup, n, 3, data.y(), null, 1.0);
    assertTrue(independentMaxGradient(new Fixtures.Data(dup, n, 3, data.y(), null, null), null, ridge, 1.0) <= TOL);
  }
}
