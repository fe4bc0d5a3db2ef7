package dev.leadscore.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.leadscore.model.golden.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Parity with scikit-learn 1.2.1's roc_auc_score, average_precision_score, log_loss(eps=1e-15),
 * brier_score_loss and calibration_curve on fixed generated inputs (golden/calibration/
 * metrics.json, made by make_calibration_golden.py). These are closed-form metrics, so agreement
 * is held to 1e-12, far inside the 1e-9 for AUC.
 */
class MetricsGoldenTest {

  private static final double PARITY = 1e-12;

  @Test
  void metricsMatchSklearn(TestReporter reporter) {
    JsonNode doc = Golden.load("metrics.json");
    double[] worst = new double[5];
    String[] names = {"roc_auc", "average_precision", "log_loss", "brier", "ece10"};
    for (JsonNode c : doc.get("cases")) {
      String name = c.get("name").asText();
      double[] p = Golden.doubles(c.get("p"));
      boolean[] y = Golden.booleans(c.get("y"));
      double[] w = Golden.doubles(c.get("w"));
      double[] diffs = {
        Math.abs(c.get("rocAuc").doubleValue() - Metrics.rocAuc(p, y, w)),
        Math.abs(c.get("averagePrecision").doubleValue() - Metrics.averagePrecision(p, y, w)),
        Math.abs(c.get("logLoss").doubleValue() - Metrics.logLoss(p, y, w)),
        Math.abs(c.get("brier").doubleValue() - Metrics.brierScore(p, y, w)),
        Math.abs(c.get("ece10").doubleValue() - Metrics.expectedCalibrationError(p, y, w, 10)),
      };
      StringBuilder line = new StringBuilder();
      for (int k = 0; k < diffs.length; k++) {
        line.append(names[k]).append(' ').append(diffs[k]).append(k + 1 < diffs.length ? ", " : "");
        assertTrue(diffs[k] <= PARITY, name + ": " + names[k] + " differs by " + diffs[k]);
        worst[k] = Math.max(worst[k], diffs[k]);
      }
      reporter.publishEntry("metrics " + name, line.toString());

      ReliabilityTable table = Metrics.reliability(p, y, w, 10);
      int[] counts = new int[10];
      for (int b = 0; b < 10; b++) {
        counts[b] = table.bins().get(b).count();
      }
      int[] expectedCounts = new int[10];
      for (int b = 0; b < 10; b++) {
        expectedCounts[b] = c.get("binCounts").get(b).intValue();
      }
      assertArrayEquals(expectedCounts, counts, name + ": bin counts (edge handling)");
      if (c.has("calibrationCurveTrue")) {
        List<Double> observed = new ArrayList<>();
        List<Double> predicted = new ArrayList<>();
        for (ReliabilityTable.Bin b : table.bins()) {
          if (!b.isEmpty()) {
            observed.add(b.observedRate());
            predicted.add(b.meanPredicted());
          }
        }
        double[] skTrue = Golden.doubles(c.get("calibrationCurveTrue"));
        double[] skPred = Golden.doubles(c.get("calibrationCurvePred"));
        assertEquals(skTrue.length, observed.size(), name + ": non-empty bins");
        for (int k = 0; k < skTrue.length; k++) {
          assertEquals(skTrue[k], observed.get(k), PARITY, name + ": observed rate in non-empty bin " + k);
          assertEquals(skPred[k], predicted.get(k), PARITY, name + ": mean predicted in non-empty bin " + k);
        }
      }
    }
    StringBuilder line = new StringBuilder();
    for (int k = 0; k < worst.length; k++) {
      line.append(names[k]).append(' ').append(worst[k]).append(k + 1 < worst.length ? ", " : "");
    }
    reporter.publishEntry("metrics max |diff|", line.toString());
  }
}
