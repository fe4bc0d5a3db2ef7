package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The public matrix entry point {@link LogisticRegression}. */
class LogisticRegressionTest {
  static final double COEF_RELATIVE = GoldenParityTest.COEF_RELATIVE;
  static final double NEAR_ZERO = GoldenParityTest.NEAR_ZERO;

  @ParameterizedTest
  @ValueSource(strings = {"synthetic", "degenerate"})
  void matchesScikitLearnGoldenInStandardisedAndRawUnits(String name) {
    Fixtures.Data data = Fixtures.csv("/golden/lr/" + name + ".csv");
    JsonNode golden = Fixtures.json("/golden/lr/" + name + ".json");
    double[] mean = Fixtures.doubles(golden.get("scaler_mean"));
    double[] scale = Fixtures.doubles(golden.get("scaler_scale"));
    int d = data.d();
    // Raw-unit intercept error is fed by every coefficient error times |mean_j / scale_j|.
    double interceptFloor = 1;
    for (int j = 0; j < d; j++) {
      interceptFloor += Math.abs(mean[j] / scale[j]);
    }
    for (JsonNode g : golden.get("fits")) {
      double lambda = g.get("lambda").doubleValue();
      LogisticRegression.Fit fit = LogisticRegression.fit(data.x(), data.n(), d, data.y(), lambda, null);
      double[] coef = Fixtures.doubles(g.get("coef"));
      double b = g.get("intercept").doubleValue();
      String where = name + ", lambda " + lambda;
      check(where + ", standardised intercept", b, fit.standardisedIntercept(), NEAR_ZERO);
      double[] sw = fit.standardisedWeights();
      double[] rw = fit.weights();
      double rawB = b;
      for (int j = 0; j < d; j++) {
        check(where + ", standardised " + data.names()[j], coef[j], sw[j], NEAR_ZERO);
        double raw = coef[j] / scale[j]; // scikit-learn's scale is 1 for a constant column, whose coef is 0
        rawB -= raw * mean[j];
        check(where + ", raw " + data.names()[j], raw, rw[j], NEAR_ZERO / scale[j]);
      }
      check(where + ", raw intercept", rawB, fit.intercept(), NEAR_ZERO * interceptFloor);
      assertTrue(fit.maxGradient() <= LogisticRegression.DEFAULT_TOLERANCE, where + ": " + fit.maxGradient());
      // The raw-unit model gives the standardised model's logits on raw rows.
      Standardisation std = Standardisation.fit(data.x(), data.n(), d);
      for (int i = 0; i < data.n(); i += 97) {
        double expected = std.logit(fit.standardisedIntercept(), sw, data.x(), i * d);
        assertEquals(expected, fit.logit(data.x(), i * d), 1e-9 * Math.max(1, Math.abs(expected)), where + ", row " + i);
      }
    }
  }

  private static void check(String what, double expected, double actual, double nearZero) {
    double rel = Math.abs(actual - expected) / Math.max(Math.abs(expected), nearZero);
    assertTrue(rel <= COEF_RELATIVE, () -> what + ": expected " + expected + " (scikit-learn), got " + actual
        + " (relative delta " + rel + ")");
  }

  @Test
  void leavesItsArgumentsUnchanged() {
    Fixtures.Data data = Fixtures.csv("/golden/lr/degenerate.csv");
    double[] x = data.copyX();
    double[] xBefore = x.clone();
    boolean[] y = data.y().clone();
    boolean[] yBefore = y.clone();
    double[] s = new double[data.n()];
    Arrays.fill(s, 1.5);
    double[] sBefore = s.clone();
    LogisticRegression.Options options = LogisticRegression.Options.builder().sampleWeights(s).threads(2).build();
    s[0] = 99; // the options hold their own copy
    LogisticRegression.fit(x, data.n(), data.d(), y, 1.0, options);
    LogisticRegression.fit(x, data.n(), data.d(), y, 1.0,
        LogisticRegression.Options.builder().standardise(false).build());
    assertTrue(Arrays.equals(xBefore, x), "x was modified");
    assertTrue(Arrays.equals(yBefore, y), "y was modified");
    assertEquals(1.5, options.sampleWeights()[0]);
    options.sampleWeights()[1] = 99;
    assertArrayEquals(sBefore, options.sampleWeights());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void fitDelegatesToTheLambdaPathBitForBit(boolean weighted) {
    Fixtures.Data data = Fixtures.csv("/golden/lr/synthetic.csv");
    double[] s = null;
    if (weighted) {
      s = new double[data.n()];
      for (int i = 0; i < s.length; i++) {
        s[i] = data.y()[i] ? 2.5 : 0.75;
      }
    }
    LogisticRegression.Fit fit = LogisticRegression.fit(data.x(), data.n(), data.d(), data.y(), 0.7,
        LogisticRegression.Options.builder().sampleWeights(s).build());
    // The lambda path run directly with fit's defaults: fit must return its numbers unchanged, so
    // that it is the package's one solver and not a variant of it.
    try (Workers workers = Workers.single()) {
      LambdaPath path = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), s, workers, null);
      LinearModel m = path.fit(0.7, null, LogisticRegression.DEFAULT_MAX_ITERATIONS, LogisticSolver.DEFAULT_TOLERANCE,
          LogisticSolver.Listener.NONE, false);
      assertEquals(m.intercept, fit.standardisedIntercept());
      assertArrayEquals(m.weights, fit.standardisedWeights());
      assertEquals(m.iterations, fit.iterations());
      assertEquals(m.maxGradient, fit.maxGradient());
      assertEquals(m.objective, fit.objective());
      for (int i = 0; i < data.n(); i += 131) {
        double expected = m.logit(data.x(), i * data.d());
        assertEquals(expected, fit.logit(data.x(), i * data.d()), 1e-9 * Math.max(1, Math.abs(expected)));
      }
    }
  }

  @Test
  void identicalForAnyThreadCount() {
    Fixtures.Data data = Fixtures.csv("/golden/lr/synthetic.csv");
    LogisticRegression.Fit one = LogisticRegression.fit(data.x(), data.n(), data.d(), data.y(), 1.0, null);
    LogisticRegression.Fit three = LogisticRegression.fit(data.x(), data.n(), data.d(), data.y(), 1.0,
        LogisticRegression.Options.builder().threads(3).build());
    assertEquals(one, three);
  }

  @Test
  void withoutStandardisationOnAStandardisedMatrixGivesTheSameFit() {
    Fixtures.Data data = Fixtures.csv("/golden/lr/synthetic.csv");
    double[] z = data.copyX();
    Standardisation.fit(z, data.n(), data.d()).standardiseInPlace(z, data.n()); // no constant column here
    LogisticRegression.Fit raw = LogisticRegression.fit(z, data.n(), data.d(), data.y(), 1.0,
        LogisticRegression.Options.builder().standardise(false).build());
    LogisticRegression.Fit std = LogisticRegression.fit(data.x(), data.n(), data.d(), data.y(), 1.0, null);
    assertEquals(raw.intercept(), raw.standardisedIntercept());
    assertArrayEquals(raw.weights(), raw.standardisedWeights());
    assertEquals(std.standardisedIntercept(), raw.intercept(), 1e-9);
    assertArrayEquals(std.standardisedWeights(), raw.weights(), 1e-9);
  }

  @Test
  void resultDoesNotLeakItsArrays() {
    Fixtures.Data data = Fixtures.csv("/golden/lr/degenerate.csv");
    LogisticRegression.Fit fit = LogisticRegression.fit(data.x(), data.n(), data.d(), data.y(), 1.0, null);
    double[] w = fit.weights();
    double w0 = w[0];
    w[0] = 1e9;
    fit.standardisedWeights()[0] = 1e9;
    assertEquals(w0, fit.weights()[0]);
    assertTrue(fit.standardisedWeights()[0] != 1e9);
  }

  @Test
  void rejectsBadArgumentsNamingThem() {
    double[] x = {0, 1, 2, 3, 4, 5, 6, 7};
    boolean[] y = {true, false, true, false};
    LogisticRegression.Options o = LogisticRegression.Options.defaults();
    rejects(() -> LogisticRegression.fit(x, 3, 2, y, 1, o), "xRowMajor has length 8 but n * d = 3 * 2 = 6");
    rejects(() -> LogisticRegression.fit(x, 0, 2, y, 1, o), "n must be >= 1, got 0");
    rejects(() -> LogisticRegression.fit(x, 4, 0, y, 1, o), "d must be >= 1, got 0");
    rejects(() -> LogisticRegression.fit(x, 4, 2, new boolean[3], 1, o), "y has length 3 but n = 4");
    rejects(() -> LogisticRegression.fit(x, 4, 2, y, -0.5, o), "lambda must be finite and >= 0, got -0.5");
    rejects(() -> LogisticRegression.fit(x, 4, 2, y, Double.NaN, o), "lambda must be finite and >= 0, got NaN");
    double[] bad = x.clone();
    bad[5] = Double.NaN;
    rejects(() -> LogisticRegression.fit(bad, 4, 2, y, 1, o), "xRowMajor value at row 2, column 1 (index 5) is NaN");
    bad[5] = Double.POSITIVE_INFINITY;
    rejects(() -> LogisticRegression.fit(bad, 4, 2, y, 1, LogisticRegression.Options.builder().standardise(false).build()),
        "row 2, column 1 (index 5) is Infinity");
    rejects(() -> LogisticRegression.fit(x, 4, 2, y, 1,
        LogisticRegression.Options.builder().sampleWeights(new double[] {1, 1}).build()),
        "sampleWeights has length 2 but n = 4");
    rejects(() -> LogisticRegression.Options.builder().sampleWeights(new double[] {1, -2}),
        "sampleWeights value at row 1 must be finite and >= 0, got -2.0");
    rejects(() -> LogisticRegression.Options.builder().tolerance(0), "tolerance must be finite and > 0, got 0.0");
    rejects(() -> LogisticRegression.Options.builder().maxIterations(0), "maxIterations must be >= 1, got 0");
    rejects(() -> LogisticRegression.Options.builder().threads(0), "threads must be >= 1, got 0");
    assertThrows(NullPointerException.class, () -> LogisticRegression.fit(null, 4, 2, y, 1, o));
    TrainingException oneClass = assertThrows(TrainingException.class,
        () -> LogisticRegression.fit(x, 4, 2, new boolean[4], 1, o));
    assertTrue(oneClass.getMessage().contains("both classes"), oneClass.getMessage());
  }

  private static void rejects(Executable call, String message) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(message), () -> "expected a message containing '" + message + "', got '"
        + e.getMessage() + "'");
  }
}
