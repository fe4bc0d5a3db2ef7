package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/**
 * {@link TrainedModel#logit} (the dense raw or centred scoring form) against the solver's
 * standardised form ({@link Standardisation#logit}): equal to rounding on random models and rows,
 * constant columns included; bit-identical after an artifact round trip; and a constant column
 * does not count, even when it holds NaN or an infinity.
 */
class TrainedModelLogitProperties {
  /**
   * How far the scoring logit may be from the standardised one, relative to {@code |b| + sum_j
   * |w_j z_j|}: both round each product and sum in a different grouping, which costs a few ulps per
   * column; 1e-12 leaves room for a few thousand columns.
   */
  static final double RELATIVE_TOLERANCE = 1e-12;

  private static final Map<Integer, FittedSchema> SCHEMAS = new ConcurrentHashMap<>();

  /**
   * The tolerance for one row: {@code RELATIVE_TOLERANCE * (1 + |b| + sum_j |w_j| + sum_j |w_j
   * z_j|)}, the logit's own scale (so an error of 1e-12 log-odds is allowed at worst).
   */
  static double tolerance(double intercept, double[] weights, double[] mean, double[] scale, double[] x) {
    double sum = 1 + Math.abs(intercept);
    for (int j = 0; j < x.length; j++) {
      if (scale[j] > 0) {
        sum += Math.abs(weights[j]) + Math.abs(weights[j] * ((x[j] - mean[j]) * (1.0 / scale[j])));
      }
    }
    return RELATIVE_TOLERANCE * sum;
  }

  /** A model's numbers and rows to score; constant columns have scale 0 and weight 0. */
  record Case(double intercept, double[] weights, double[] mean, double[] scale, double[][] rows) {
    int width() {
      return weights.length;
    }

    TrainedModel model() {
      return TrainedModelLogitProperties.model(intercept, weights, mean, scale);
    }

    @Override
    public String toString() {
      return "width=" + width() + " b=" + intercept + " w=" + Arrays.toString(weights) + " mean="
          + Arrays.toString(mean) + " scale=" + Arrays.toString(scale) + " rows=" + Arrays.deepToString(rows);
    }
  }

  /**
   * 1–40 columns (every remainder of the eight-way unrolling), about one in four constant; means
   * and scales over several orders of magnitude; rows near the training distribution, far out in
   * the tails, and arbitrary finite values (up to ±MAX_VALUE) in the constant columns.
   */
  static final Gen<Case> CASES = random -> {
    int d = Gen.ints(1, 40).next(random);
    double[] w = new double[d];
    double[] mean = new double[d];
    double[] scale = new double[d];
    // Half the cases look like lead data (one-hot, log and bounded columns: means within a few
    // spreads of zero), which the raw form serves; the others reach far offsets (centred form).
    boolean leadLike = random.nextBoolean();
    for (int j = 0; j < d; j++) {
      mean[j] = leadLike ? Gen.doubles(0, 3).next(random)
          : Gen.doubles(-1000, 1000).next(random) * Math.pow(10, Gen.doubles(-2, 3).next(random));
      if (random.nextInt(4) == 0) {
        continue; // constant: scale 0, weight 0
      }
      scale[j] = leadLike ? Gen.doubles(0.1, 2).next(random) : Math.pow(10, Gen.doubles(-3, 4).next(random));
      w[j] = random.nextInt(10) == 0 ? 0 : (random.nextBoolean() ? 1 : -1) * Math.pow(10, Gen.doubles(-3, 1).next(random));
    }
    double b = Gen.doubles(-20, 20).next(random);
    double[][] rows = new double[4][d];
    for (double[] x : rows) {
      double spread = Gen.oneOf(0.0, 1.0, 1e3).next(random);
      for (int j = 0; j < d; j++) {
        x[j] = scale[j] > 0 ? mean[j] + scale[j] * spread * Fixtures.gaussian(random)
            : Gen.anyOf(Gen.constant(mean[j]), Gen.constant(0.0), Gen.finiteDoubles()).next(random);
      }
    }
    return new Case(b, w, mean, scale, rows);
  };

  @Test
  void scoringLogitAgreesWithTheStandardisedLogitToRounding() {
    int[] forms = new int[2];
    PropertyCheck.forAll(500, CASES, c -> {
      TrainedModel m = c.model();
      forms[m.usesRawForm() ? 0 : 1]++;
      Standardisation st = Standardisation.of(c.mean(), c.scale());
      for (double[] x : c.rows()) {
        double standardised = st.logit(c.intercept(), c.weights(), x, 0);
        double scoring = m.logit(x);
        double tol = tolerance(c.intercept(), c.weights(), c.mean(), c.scale(), x);
        assertTrue(Math.abs(scoring - standardised) <= tol, "scoring " + scoring + " vs standardised " + standardised
            + ": |delta| " + Math.abs(scoring - standardised) + " > " + tol + " for x=" + Arrays.toString(x));
      }
    });
    assertTrue(forms[0] >= 100 && forms[1] >= 100, "raw form " + forms[0] + " times, centred " + forms[1]
        + ": both must be exercised");
  }

  @Test
  void aSavedAndLoadedModelScoresBitIdentically() {
    PropertyCheck.forAll(200, CASES, c -> {
      TrainedModel m = c.model();
      TrainedModel loaded = ModelArtifact.read(ModelArtifact.write(m));
      TrainedModel rebuilt = c.model();
      double[][] rows = c.rows();
      for (int r = 0; r < rows.length; r++) {
        double[] x = rows[r];
        long bits = Double.doubleToRawLongBits(m.logit(x));
        assertEquals(bits, Double.doubleToRawLongBits(loaded.logit(x)), "saved and loaded");
        assertEquals(bits, Double.doubleToRawLongBits(rebuilt.logit(x)), "built again from the same numbers");
        // Another row in between, so anything one call left behind for the next would change x's logit.
        m.logit(rows[(r + 1) % rows.length]);
        assertEquals(bits, Double.doubleToRawLongBits(m.logit(x)), "scored again after another row");
        assertEquals(Double.doubleToRawLongBits(ModelScorer.of(m).scoreOf(x)), Double.doubleToRawLongBits(ModelScorer.of(loaded).scoreOf(x)));
      }
    });
  }

  @Test
  void aConstantColumnsValueDoesNotChangeTheLogitWhileFinite() {
    PropertyCheck.forAll(300, CASES, c -> {
      TrainedModel m = c.model();
      for (double[] x : c.rows()) {
        double[] moved = x.clone();
        for (int j = 0; j < moved.length; j++) {
          if (c.scale()[j] == 0) {
            moved[j] = j % 2 == 0 ? Double.MAX_VALUE : -Double.MAX_VALUE;
          }
        }
        assertEquals(Double.doubleToRawLongBits(m.logit(x)), Double.doubleToRawLongBits(m.logit(moved)));
      }
    });
  }

  @Test
  void theTrainedModelsLogitIsTheSolversToRounding() {
    TrainedModel m = TestModels.model("logit-properties");
    Standardisation st = m.standardisation();
    double[] mean = m.means();
    double[] scale = m.scales();
    double[] w = m.weights();
    double[] x = new double[m.width()];
    for (LabelledLead l : TestModels.DATA.leads()) {
      m.schema().extract(l.lead(), TestModels.DATA.asOf(), x);
      double standardised = st.logit(m.intercept(), w, x, 0);
      double tol = tolerance(m.intercept(), w, mean, scale, x);
      assertEquals(standardised, m.logit(x), tol, l.lead().id());
    }
  }

  @Test
  void aConstantColumnDoesNotCountWhateverItHolds() {
    double[] mean = {1, 2, 7, 4, 5, 6, 7, 8, 9, 10};
    double[] scale = {1, 2, 0, 1, 1, 1, 1, 1, 1, 1};
    double[] w = {0.5, -0.25, 0, 1, 1, 1, 1, 1, 1, 1};
    TrainedModel m = model(0.3, w, mean, scale);
    long expected = Double.doubleToRawLongBits(m.logit(mean));
    for (double v : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 1e300}) {
      double[] x = mean.clone();
      x[2] = v;
      assertEquals(expected, Double.doubleToRawLongBits(m.logit(x)), "constant column holding " + v);
      assertEquals(Double.doubleToRawLongBits(ModelScorer.of(m).scoreOf(mean)), Double.doubleToRawLongBits(ModelScorer.of(m).scoreOf(x)));
      assertEquals(Double.doubleToRawLongBits(v), Double.doubleToRawLongBits(x[2]), "x is not modified");
    }
    // A NaN in a column that counts is refused, naming it, even next to a constant column's NaN.
    double[] x = mean.clone();
    x[2] = Double.NaN;
    x[5] = Double.NaN;
    String name = m.columns().get(5).name();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> m.logit(x));
    assertEquals("x[5] (column '" + name + "') is NaN; feature values must be finite", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ModelScorer.of(m).scoreOf(x));
    assertThrows(IllegalArgumentException.class, () -> m.probabilityInterval(x, 0.9));
  }

  // ------------------------------------------------------------------------------ fixtures

  /** A model on a schema of {@code weights.length} numeric columns, with the given numbers. */
  static TrainedModel model(double intercept, double[] weights, double[] mean, double[] scale) {
    int d = weights.length;
    FittedSchema schema = schema(d);
    Instant at = Instant.parse("2026-01-01T00:00:00Z");
    TrainingSummary summary = new TrainingSummary(10, 5, 2, SelectionMetric.LOG_LOSS, List.of(), 1.0, 3, 1e-9, 0.7,
        0.6, 0.2, null);
    Provenance provenance = new Provenance(Version.LIBRARY, TrainingOptions.builder().build(), "sha256:test", "17",
        "test", at);
    return new TrainedModel("logit-test", "1", at, schema, Standardisation.of(mean, scale), intercept, weights, 1.0,
        new double[(d + 1) * (d + 1)], Calibrator.identity(), TierCutoffs.of(80, 60, 30),
        new BackgroundStats(10, mean.clone(), List.of()), summary, provenance);
  }

  /** {@code d} plain numeric columns {@code f0 .. f(d-1)} (cached per width). */
  static FittedSchema schema(int d) {
    return SCHEMAS.computeIfAbsent(d, k -> {
      List<FeatureSpec> features = new ArrayList<>();
      Lead.Builder lead = Lead.builder("fit");
      for (int j = 0; j < k; j++) {
        features.add(new NumericFeature(FeatureInfo.of("f" + j, FeatureInfo.FIRMOGRAPHIC), "f" + j, false,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Imputation.constant(0), false, List.of()));
        lead.number("f" + j, j);
      }
      FittedSchema fitted = FeatureSchema.of("logit-test-" + k, 1, features).fit(List.of(lead.build()));
      if (fitted.width() != k) {
        throw new IllegalStateException("expected " + k + " columns, got " + fitted.width());
      }
      return fitted;
    });
  }
}
