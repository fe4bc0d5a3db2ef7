package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadscore.model.eval.Metrics;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Coefficient-for-coefficient parity with scikit-learn 1.2.1 {@code LogisticRegression(C = 1 /
 * lambda, solver='newton-cholesky', tol=1e-12)} on StandardScaler-standardised data, and the same
 * out-of-fold ROC AUC on the same folds. Fixtures: {@code golden/lr/*}, made by {@code
 * golden/make_lr_golden.py}.
 */
class GoldenParityTest {
  /** Coefficients must agree to this, relative to max(|sklearn value|, NEAR_ZERO). */
  static final double COEF_RELATIVE = 1e-6;
  /** Below this magnitude a coefficient is compared absolutely (to COEF_RELATIVE * NEAR_ZERO). */
  static final double NEAR_ZERO = 1e-3;
  static final double AUC_TOLERANCE = 1e-9;

  @ParameterizedTest
  @CsvSource({"synthetic, AUTO", "degenerate, AUTO", "synthetic, CONJUGATE_GRADIENT", "degenerate, CONJUGATE_GRADIENT"})
  void coefficientsMatchScikitLearn(String name, LogisticSolver.StepMethod method) {
    Fixtures.Data data = Fixtures.csv("/golden/lr/" + name + ".csv");
    JsonNode golden = Fixtures.json("/golden/lr/" + name + ".json");
    assertEquals(golden.get("n").intValue(), data.n());
    assertEquals(golden.get("d").intValue(), data.d());
    double worst = 0;
    for (JsonNode fit : golden.get("fits")) {
      double lambda = fit.get("lambda").doubleValue();
      LambdaPath path = new LambdaPath(data.copyX(), data.n(), data.d(), data.y(), null, Workers.single(), data.names(),
          method);
      LinearModel m = path.fit(lambda, null, 100, LogisticSolver.DEFAULT_TOLERANCE, LogisticSolver.Listener.NONE, false);
      worst = Math.max(worst, check("intercept", fit.get("intercept").doubleValue(), m.intercept, name, lambda));
      double[] coef = Fixtures.doubles(fit.get("coef"));
      for (int j = 0; j < coef.length; j++) {
        worst = Math.max(worst, check(data.names()[j], coef[j], m.weights[j], name, lambda));
      }
    }
    System.out.printf("golden %s (%s): worst relative coefficient delta %.3g%n", name, method, worst);
  }

  private static double check(String what, double expected, double actual, String set, double lambda) {
    double scale = Math.max(Math.abs(expected), NEAR_ZERO);
    double rel = Math.abs(actual - expected) / scale;
    assertTrue(rel <= COEF_RELATIVE, () -> set + ", lambda " + lambda + ", " + what + ": expected " + expected
        + " (scikit-learn), got " + actual + " (relative delta " + rel + ")");
    return rel;
  }

  @ParameterizedTest
  @ValueSource(strings = {"synthetic", "degenerate"})
  void outOfFoldAucMatchesScikitLearnOnTheSameFolds(String name) {
    Fixtures.Data data = Fixtures.csv("/golden/lr/" + name + ".csv");
    JsonNode golden = Fixtures.json("/golden/lr/" + name + ".json");
    int folds = golden.get("folds").intValue();
    MatrixFoldSource source = new MatrixFoldSource(data.x(), data.n(), data.d(), data.y(), data.fold(), folds, data.names());
    double worstAuc = 0;
    double worstLogit = 0;
    for (JsonNode fit : golden.get("fits")) {
      double lambda = fit.get("lambda").doubleValue();
      CrossValidation.Outcome cv = CrossValidation.run(source, new double[] {lambda}, ClassWeights.none(), 100,
          LogisticSolver.DEFAULT_TOLERANCE, Workers.single(), TrainingProgress.NONE);
      double auc = Metrics.rocAuc(cv.logits()[0], data.y());
      double expected = fit.get("oof_auc").doubleValue();
      assertEquals(expected, auc, AUC_TOLERANCE, name + ", lambda " + lambda + ": out-of-fold AUC");
      worstAuc = Math.max(worstAuc, Math.abs(auc - expected));
      double[] logits = Fixtures.doubles(fit.get("oof_logit"));
      for (int i = 0; i < logits.length; i++) {
        double rel = Math.abs(cv.logits()[0][i] - logits[i]) / Math.max(Math.abs(logits[i]), 1);
        worstLogit = Math.max(worstLogit, rel);
      }
      assertTrue(worstLogit <= 1e-6, name + ": out-of-fold logits differ from scikit-learn by " + worstLogit);
    }
    System.out.printf("golden %s: |OOF AUC delta| %.3g, worst OOF logit delta %.3g%n", name, worstAuc, worstLogit);
  }
}
