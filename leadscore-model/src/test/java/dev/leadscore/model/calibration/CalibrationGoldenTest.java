package dev.leadscore.model.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadscore.model.golden.Golden;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Parity with scikit-learn 1.2.1 on fixed generated inputs (the tolerance: 1e-6). The
 * fixtures and the script that made them are in src/test/resources/golden/calibration/. Each
 * test publishes the largest absolute difference it measured.
 */
class CalibrationGoldenTest {

  /** The parity tolerance for calibrated outputs. */
  private static final double PARITY = 1e-6;
  /**
   * sklearn's BFGS stops at a gradient of 1e-5 (absolute), so its (A, B) are only that close to
   * the optimum: up to about 1.3e-6 away on these cases. Parameters are therefore held to this
   * looser bound against sklearn, and to {@link #TIGHT_PARITY} against the same optimum found by
   * Newton's method to a gradient of 1e-12 in the fixture script; the outputs, which is what the
   * issue asks for, are held to {@link #PARITY}.
   */
  private static final double SKLEARN_PARAMETER_PARITY = 1e-5;
  /** Against the tight optimum. */
  private static final double TIGHT_PARITY = 1e-9;

  @Test
  void isotonicMatchesSklearnIsotonicRegressionWithClip(TestReporter reporter) {
    JsonNode doc = Golden.load("isotonic.json");
    assertEquals("1.2.1", doc.get("sklearn").asText());
    double worstPoints = 0.0;
    double worstPredictions = 0.0;
    for (JsonNode c : doc.get("cases")) {
      String name = c.get("name").asText();
      Calibrator.Isotonic iso = Calibrator.fitIsotonic(Golden.doubles(c.get("x")), Golden.booleans(c.get("y")),
          Golden.doubles(c.get("w")));
      double[] thresholds = Golden.doubles(c.get("thresholds"));
      double[] values = Golden.doubles(c.get("values"));
      assertEquals(thresholds.length, iso.size(), name + ": number of points (X_thresholds_)");
      double dPoints = Math.max(Golden.maxAbsDiff(thresholds, iso.thresholds()),
          Golden.maxAbsDiff(values, iso.values()));
      double[] predicted = iso.probabilities(Golden.doubles(c.get("queries")));
      double dPred = Golden.maxAbsDiff(Golden.doubles(c.get("expected")), predicted);
      reporter.publishEntry("isotonic " + name, "points " + dPoints + ", predictions " + dPred);
      assertTrue(dPoints <= PARITY, name + ": fitted points differ by " + dPoints);
      assertTrue(dPred <= PARITY, name + ": predictions differ by " + dPred);
      worstPoints = Math.max(worstPoints, dPoints);
      worstPredictions = Math.max(worstPredictions, dPred);
    }
    reporter.publishEntry("isotonic max |diff|", "points " + worstPoints + ", predictions " + worstPredictions);
  }

  @Test
  void plattMatchesSklearnSigmoidCalibration(TestReporter reporter) {
    JsonNode doc = Golden.load("platt.json");
    double worstParams = 0.0;
    double worstTight = 0.0;
    double worstPred = 0.0;
    for (JsonNode c : doc.get("cases")) {
      String name = c.get("name").asText();
      Calibrator.Platt p = Calibrator.fitPlatt(Golden.doubles(c.get("f")), Golden.booleans(c.get("y")),
          Golden.doubles(c.get("w")));
      // sklearn: p = 1 / (1 + exp(A f + B)); ours: p = 1 / (1 + exp(-(a f + b))).
      double dParams = Math.max(Math.abs(-c.get("sklearnA").doubleValue() - p.a()),
          Math.abs(-c.get("sklearnB").doubleValue() - p.b()));
      double dTight = Math.max(Math.abs(-c.get("tightA").doubleValue() - p.a()),
          Math.abs(-c.get("tightB").doubleValue() - p.b()));
      double dPred = Golden.maxAbsDiff(Golden.doubles(c.get("expected")),
          p.probabilities(Golden.doubles(c.get("queries"))));
      reporter.publishEntry("platt " + name, "a,b vs sklearn " + dParams + ", vs tight Newton " + dTight
          + ", predictions " + dPred);
      assertTrue(dParams <= SKLEARN_PARAMETER_PARITY, name + ": (a, b) differ from sklearn by " + dParams);
      assertTrue(dTight <= TIGHT_PARITY, name + ": (a, b) differ from the tight optimum by " + dTight);
      assertTrue(dPred <= PARITY, name + ": predictions differ by " + dPred);
      worstParams = Math.max(worstParams, dParams);
      worstTight = Math.max(worstTight, dTight);
      worstPred = Math.max(worstPred, dPred);
    }
    reporter.publishEntry("platt max |diff|", "a,b vs sklearn " + worstParams + ", vs tight " + worstTight
        + ", predictions " + worstPred);
  }
}
