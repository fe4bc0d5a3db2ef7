package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.internal.Normal;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.model.eval.Interval;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UncertaintyTest {

  @Test
  void normalQuantilesMatchKnownValues() {
    assertEquals(0.0, Normal.quantile(0.5));
    assertEquals(1.959963984540054, Normal.quantile(0.975), 1e-15);
    assertEquals(1.6448536269514722, Normal.quantile(0.95), 1e-15);
    assertEquals(-1.6448536269514722, Normal.quantile(0.05), 1e-15);
    assertEquals(-6.361340902404056, Normal.quantile(1e-10), 1e-13);
    assertEquals(3.090232306167813, Normal.quantile(0.999), 1e-14);
  }

  @Test
  void deltaMethodStandardErrorAgreesWithTheBootstrap() {
    int n = 400;
    SplittableRandom r = new SplittableRandom(11);
    List<LabelledLead> leads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double a = Fixtures.gaussian(r);
      double b = Fixtures.gaussian(r);
      double c = Fixtures.gaussian(r);
      double logit = -0.7 + 1.0 * a - 0.6 * b + 0.2 * c;
      boolean y = r.nextDouble() < 1 / (1 + Math.exp(-logit));
      leads.add(new LabelledLead(Lead.builder("L" + i).number("a", 50 + 10 * a).number("b", 0.3 * b)
          .number("c", 1000 + 300 * c).build(), y));
    }
    FeatureSchema schema = FeatureSchema.of("se", 1, NumericFeature.of(FeatureInfo.of("a", "firmographic"), "a"),
        NumericFeature.of(FeatureInfo.of("b", "firmographic"), "b"),
        NumericFeature.of(FeatureInfo.of("c", "firmographic"), "c"));
    double lambda = 1.0;
    TrainedModel model = new ModelTrainer().train(schema, leads, Instant.EPOCH,
        TrainingOptions.builder().lambda(lambda).folds(3).calibration(CalibrationMethod.NONE).threads(1).plain().build());
    int d = model.width(); // a, a_missing, b, b_missing, c, c_missing: the flags are constant
    double[] x = new double[n * d];
    boolean[] y = new boolean[n];
    for (int i = 0; i < n; i++) {
      System.arraycopy(model.schema().extract(leads.get(i).lead(), Instant.EPOCH), 0, x, i * d, d);
      y[i] = leads.get(i).converted();
    }
    int[] probes = {0, 1, 2, 3, 4};
    int reps = 400;
    double[][] boot = new double[probes.length][reps];
    SplittableRandom br = new SplittableRandom(5);
    for (int b = 0; b < reps; b++) {
      double[] xb = new double[n * d];
      boolean[] yb = new boolean[n];
      for (int i = 0; i < n; i++) {
        int k = br.nextInt(n);
        System.arraycopy(x, k * d, xb, i * d, d);
        yb[i] = y[k];
      }
      LinearModel m = new LambdaPath(xb, n, d, yb, null, Workers.single(), null)
          .fit(lambda, null, 100, LogisticSolver.DEFAULT_TOLERANCE, LogisticSolver.Listener.NONE, false);
      for (int p = 0; p < probes.length; p++) {
        boot[p][b] = m.logit(x, probes[p] * d);
      }
    }
    for (int p = 0; p < probes.length; p++) {
      double[] row = java.util.Arrays.copyOfRange(x, probes[p] * d, probes[p] * d + d);
      double se = model.logitStandardError(row);
      double sd = sd(boot[p]);
      double ratio = se / sd;
      System.out.printf("probe %d: delta-method SE %.5f, bootstrap SD %.5f, ratio %.3f%n", p, se, sd, ratio);
      assertTrue(ratio > 0.85 && ratio < 1.18, "probe " + p + ": delta-method SE " + se + " vs bootstrap SD " + sd);
      Interval iv = model.probabilityInterval(row, 0.9);
      double q = Normal.quantile(0.95);
      double eta = model.logit(row);
      assertEquals(ModelScorer.of(model).probabilityOf(row), iv.estimate());
      assertEquals(1 / (1 + Math.exp(-(eta - q * se))), iv.lower(), 1e-15);
      assertEquals(1 / (1 + Math.exp(-(eta + q * se))), iv.upper(), 1e-15);
    }
  }

  static double sd(double[] v) {
    double mean = 0;
    for (double d : v) {
      mean += d;
    }
    mean /= v.length;
    double ss = 0;
    for (double d : v) {
      ss += (d - mean) * (d - mean);
    }
    return Math.sqrt(ss / (v.length - 1));
  }
}
