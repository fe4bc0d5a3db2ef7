package dev.leadscore.explain;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.explain.testing.DemoModel;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** SHAP values worked out by hand, the background, and the model's two weight forms. */
class LinearShapTest {
  static final Instant AS_OF = Instant.parse("2026-01-15T00:00:00Z");

  /** size (numeric, no flag), demos (30-day event count) and their product size × demos. */
  static FittedSchema twoFeatures() {
    return FeatureSchema.of("two", 1,
        new NumericFeature(FeatureInfo.of("size", FeatureInfo.FIRMOGRAPHIC), "size", false,
            Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Imputation.constant(0), false, List.of()),
        EventCountFeature.of(FeatureInfo.of("demos", FeatureInfo.BEHAVIORAL), "demo", 30),
        new InteractionFeature(FeatureInfo.of("size_x_demos", FeatureInfo.BEHAVIORAL), "size", "demos"))
        .fit(List.of());
  }

  static Lead lead(String id, double size, int demos) {
    Lead.Builder b = Lead.builder(id).number("size", size);
    for (int i = 0; i < demos; i++) {
      b.event("demo", AS_OF.minusSeconds(3600 * (i + 1)));
    }
    return b.build();
  }

  @Test
  void twoFeaturesAndTheirProductByHand() {
    FittedSchema s = twoFeatures();
    // Background: (size 2, demos 0) and (size 4, demos 2): E[size] = 3, E[demos] = 1,
    // E[size·demos] = (0 + 8)/2 = 4 (the joint mean, not 3·1).
    Background bg = Background.ofLeads(s, List.of(lead("b1", 2, 0), lead("b2", 4, 2)), AS_OF);
    assertArrayEquals(new double[] {3, 1, 4}, bg.means());
    // logit = −2 + 0.5·size + 1·demos + 0.25·size·demos
    LinearModel m = LinearModel.of(s, -2, new double[] {0.5, 1.0, 0.25}, bg);
    LinearShap shap = LinearShap.of(m);
    // base = −2 + 0.5·3 + 1·1 + 0.25·4 = 1.5
    assertEquals(1.5, shap.baseValue(), 1e-15);
    // Lead: size 6, demos 1. logit = −2 + 3 + 1 + 1.5 = 3.5.
    Attribution a = shap.attribute(lead("L", 6, 1), AS_OF);
    assertEquals(3.5, a.logit(), 1e-15);
    // Linear parts: size 0.5·(6 − 3) = 1.5; demos 1·(1 − 1) = 0.
    // Product game (w = 0.25): v(∅) = 0.25·4 = 1, v(size) = 0.25·6·E[demos] = 1.5,
    // v(demos) = 0.25·E[size]·1 = 0.75, v(both) = 0.25·6·1 = 1.5.
    // size gets ½[(1.5 − 1) + (1.5 − 0.75)] = 0.625; demos ½[(0.75 − 1) + (1.5 − 1.5)] = −0.125.
    assertEquals(List.of("size", "demos"), a.features());
    assertEquals(1.5 + 0.625, a.contribution("size"), 1e-15);
    assertEquals(-0.125, a.contribution("demos"), 1e-15);
    assertEquals(3.5, a.total(), 1e-15);
    // The families flow through: size is fit, demos is intent.
    assertEquals(2.125, a.fit(), 1e-15);
    assertEquals(-0.125, a.intent(), 1e-15);
  }

  @Test
  void productOfTwoColumnsOfOneFeatureStaysWithThatFeature() {
    FittedSchema s = FeatureSchema.of("sq", 1,
        NumericFeature.of(FeatureInfo.of("n", FeatureInfo.FIRMOGRAPHIC), "n"),
        EventCountFeature.of(FeatureInfo.of("e", FeatureInfo.BEHAVIORAL), "ev", 30),
        new InteractionFeature(FeatureInfo.of("n_sq", FeatureInfo.FIRMOGRAPHIC), "n", "n"),
        new InteractionFeature(FeatureInfo.of("n_flag", FeatureInfo.FIRMOGRAPHIC), "n", "n_missing"))
        .fit(List.of(Lead.builder("a").number("n", 2).build(), Lead.builder("b").number("n", 4).build()));
    // columns: n, n_missing, e, n_sq, n_flag; background rows n = 2, 4 and a missing one (imputed 3)
    Background bg = Background.ofLeads(s, List.of(Lead.builder("a").number("n", 2).build(),
        Lead.builder("b").number("n", 4).build(), Lead.builder("c").build()), AS_OF);
    assertEquals((4 + 16 + 9) / 3.0, bg.mean(3), 1e-15);
    assertEquals(3 / 3.0, bg.mean(4), 1e-15);
    LinearModel m = LinearModel.of(s, 0, new double[] {1, 2, 0.5, 0.1, -1}, bg);
    Attribution a = LinearShap.of(m).attribute(Lead.builder("L").number("n", 5).build(), AS_OF);
    // n: 1·(5 − 3) + 2·(0 − 1/3) + 0.1·(25 − 29/3) + (−1)·(0 − 1)
    assertEquals(2 - 2 / 3.0 + 0.1 * (25 - 29 / 3.0) + 1, a.contribution("n"), 1e-12);
    assertEquals(0.5 * (0 - 0), a.contribution("e"), 0);
  }

  @Test
  void standardisedModelExplainsLikeItsRawForm() {
    FittedSchema s = twoFeatures();
    Background bg = Background.ofLeads(s, List.of(lead("b1", 2, 0), lead("b2", 4, 2), lead("b3", 9, 1)), AS_OF);
    double[] mean = {5, 1, 7};
    double[] scale = {2, 0.5, 0}; // the product column is constant in this "training set"
    double[] wStd = {0.8, -0.6, 123.0}; // ignored for the constant column
    LinearModel std = LinearModel.fromStandardised(s, 0.3, wStd, mean, scale, bg);
    // w = w'/σ; b = b' − Σ w'·μ/σ
    assertArrayEquals(new double[] {0.4, -1.2, 0}, std.weights(), 1e-15);
    assertEquals(0.3 - 0.4 * 5 + 1.2 * 1, std.intercept(), 1e-15);
    LinearModel raw = LinearModel.of(s, std.intercept(), std.weights(), bg);
    SplittableRandom r = new SplittableRandom(3);
    for (int i = 0; i < 50; i++) {
      double[] x = s.extract(lead("L" + i, r.nextInt(20), r.nextInt(4)), AS_OF);
      // the standardised model's logit, to rounding: the conversion is exact in real arithmetic
      double expected = 0.3 + 0.8 * ((x[0] - 5) * (1.0 / 2)) + -0.6 * ((x[1] - 1) * (1.0 / 0.5));
      assertEquals(expected, std.logit(x), 1e-12);
      assertEquals(raw.logit(x), std.logit(x), 0.0);
      Attribution as = LinearShap.of(std).attribute(x);
      Attribution ar = LinearShap.of(raw).attribute(x);
      assertArrayEquals(ar.contributions(), as.contributions(), 1e-12);
      assertEquals(as.logit(), as.total(), LinearShap.ADDITIVITY_TOLERANCE);
    }
  }

  @Test
  void backgroundFromGivenMeansAndItsChecks() {
    FittedSchema s = twoFeatures();
    Background given = Background.ofMeans(s, new double[] {3, 1, 4});
    assertEquals(0, given.rows());
    assertEquals(s.fingerprint(), given.schemaFingerprint());
    Background rows = Background.of(s, List.of(new double[] {2, 0, 999}, new double[] {4, 2, -5}));
    // the product column's mean comes from its parents, not from the rows' own entries
    assertArrayEquals(given.means(), rows.means());
    assertThrows(IllegalArgumentException.class, () -> Background.of(s, List.of()));
    assertThrows(IllegalArgumentException.class, () -> Background.of(s, List.of(new double[] {1, 2})));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Background.of(s, List.of(new double[] {1, Double.NaN, 0})));
    assertTrue(e.getMessage().contains("'demos'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Background.ofMeans(s, new double[] {1, 2}));
  }

  @Test
  void modelChecksItsNumbers() {
    FittedSchema s = twoFeatures();
    Background bg = Background.ofMeans(s, new double[] {3, 1, 4});
    assertThrows(IllegalArgumentException.class, () -> LinearModel.of(s, 0, new double[] {1, 2}, bg));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearModel.of(s, 0, new double[] {1, Double.POSITIVE_INFINITY, 0}, bg));
    assertTrue(e.getMessage().contains("'demos'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> LinearModel.of(s, Double.NaN, new double[3], bg));
    FittedSchema other = FeatureSchema.of("other", 1, EventCountFeature.of(FeatureInfo.of("x", "behavioral"), "x", 7),
        EventCountFeature.of(FeatureInfo.of("y", "behavioral"), "y", 7), EventCountFeature.of(FeatureInfo.of("z", "behavioral"), "z", 7))
        .fit(List.of());
    assertThrows(IllegalArgumentException.class,
        () -> LinearModel.of(s, 0, new double[3], Background.ofMeans(other, new double[3])));
    assertThrows(IllegalArgumentException.class,
        () -> LinearModel.fromStandardised(s, 0, new double[3], new double[3], new double[] {1, -1, 1}, bg));
  }

  @Test
  void aProductOfAProductIsRejected() {
    FittedSchema s = FeatureSchema.of("nested", 1,
        EventCountFeature.of(FeatureInfo.of("a", "behavioral"), "a", 7),
        EventCountFeature.of(FeatureInfo.of("b", "behavioral"), "b", 7),
        new InteractionFeature(FeatureInfo.of("ab", "behavioral"), "a", "b"),
        new InteractionFeature(FeatureInfo.of("abb", "behavioral"), "ab", "b")).fit(List.of());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> LinearModel.of(s, 0, new double[4], Background.ofMeans(s, new double[4])));
    assertTrue(e.getMessage().contains("'abb'") && e.getMessage().contains("'ab'"), e.getMessage());
  }

  @Test
  void explanationsAreImmutableValuesAndTheirOrderIsDeterministic() {
    LinearShap shap = LinearShap.of(DemoModel.model());
    Lead cold = DemoModel.lead("cold", 0, 0, -1, "retail", true, 0);
    assertEquals(shap.explain(cold, DemoModel.AS_OF), shap.explain(cold, DemoModel.AS_OF));
    Attribution a = shap.attribute(cold, DemoModel.AS_OF);
    double[] copy = a.contributions();
    copy[0] = 1e9;
    assertEquals(-0.5, a.contribution(0), 0);
    assertThrows(UnsupportedOperationException.class, () -> a.features().set(0, "x"));
    assertThrows(IllegalArgumentException.class, () -> a.contribution("no_such_feature"));
  }
}
