package dev.leadscore.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.explain.testing.Cases;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The closed-form SHAP values against their definition: additivity, the Shapley axioms, and the
 * brute-force Shapley value over all coalitions of up to 12 features, product columns included.
 */
class LinearShapProperties {
  static final double TOL = LinearShap.ADDITIVITY_TOLERANCE;

  @Test
  void baseValuePlusContributionsIsTheLogit() {
    PropertyCheck.forAll(300, Cases.cases(1, 20), c -> {
      LinearModel model = c.model();
      LinearShap shap = LinearShap.of(model);
      double[] x = c.x();
      Attribution a = shap.attribute(x);
      assertEquals(model.logit(x), a.logit());
      assertEquals(a.logit(), a.total(), TOL);
      // the rendered explanation keeps the sum too (neutral features folded into its base)
      assertEquals(a.logit(), shap.explain(c.lead(), Cases.AS_OF).total(), TOL);
      // and so does every background row
      for (double[] row : c.rows()) {
        Attribution ar = shap.attribute(row);
        assertEquals(ar.logit(), ar.total(), TOL);
      }
    });
  }

  @Test
  void closedFormEqualsBruteForceShapleyOverAllCoalitions() {
    PropertyCheck.forAll(120, Cases.cases(1, 12), c -> {
      double[] x = c.x();
      double[] brute = Cases.bruteForceShapley(c.schema(), c.intercept(), c.weights(), c.rows(), x);
      Attribution a = LinearShap.of(c.model()).attribute(x);
      assertEquals(Cases.players(c.schema()), a.features());
      for (int i = 0; i < brute.length; i++) {
        assertEquals(brute[i], a.contribution(i), 1e-9, "feature " + a.feature(i));
      }
      double[] v = Cases.coalitionValues(c.schema(), c.intercept(), c.weights(), c.rows(), x);
      assertEquals(v[0], a.baseValue(), 1e-9, "base value = v(empty set)");
      assertEquals(v[v.length - 1], a.logit(), 1e-9, "v(all) = logit");
    });
  }

  @Test
  void bruteForceAtTwelveFeaturesWithProducts() {
    // The largest game, always with product columns: 4096 coalitions.
    Gen<Cases.Case> twelve = Cases.cases(12, 12).filter(c -> c.schema().columns().stream()
        .anyMatch(col -> col.role() == Column.Role.INTERACTION));
    PropertyCheck.forAll(8, twelve, c -> {
      double[] x = c.x();
      double[] brute = Cases.bruteForceShapley(c.schema(), c.intercept(), c.weights(), c.rows(), x);
      Attribution a = LinearShap.of(c.model()).attribute(x);
      assertEquals(12, brute.length);
      for (int i = 0; i < brute.length; i++) {
        assertEquals(brute[i], a.contribution(i), 1e-9, "feature " + a.feature(i));
      }
    });
  }

  @Test
  void aFeatureTheModelDoesNotUseGetsZero() {
    PropertyCheck.forAll(300, Cases.cases(1, 12).flatMap(c -> r -> new Object[] {c, r.nextInt(Cases.players(c.schema()).size())}), in -> {
      Cases.Case c = (Cases.Case) in[0];
      String dummy = Cases.players(c.schema()).get((Integer) in[1]);
      double[] w = c.weights().clone();
      for (Column col : c.schema().columns()) {
        if (col.feature().equals(dummy) || parentFeatures(c.schema(), col).contains(dummy)) {
          w[col.index()] = 0;
        }
      }
      Attribution a = LinearShap.of(LinearModel.of(c.schema(), c.intercept(), w, c.background())).attribute(c.x());
      assertEquals(0.0, a.contribution(dummy), 0.0);
    });
  }

  @Test
  void aFeatureAtItsBackgroundMeanGetsZero() {
    // Holds exactly for a feature in no product column; with a product, interventional SHAP gives
    // it half of w·(E[x_a]E[x_b] − E[x_a x_b]) even at its mean, as the brute force confirms.
    PropertyCheck.forAll(300, Cases.cases(1, 12), c -> {
      FittedSchema s = c.schema();
      Background bg = c.background();
      double[] x = c.x();
      List<String> atMean = new ArrayList<>();
      for (String p : Cases.players(s)) {
        boolean inProduct = s.columns().stream().anyMatch(col -> parentFeatures(s, col).contains(p));
        if (!inProduct) {
          atMean.add(p);
          for (Column col : s.columns()) {
            if (col.feature().equals(p)) {
              x[col.index()] = bg.mean(col.index());
            }
          }
        }
      }
      Attribution a = LinearShap.of(c.model()).attribute(x);
      for (String p : atMean) {
        assertEquals(0.0, a.contribution(p), 0.0, p);
      }
    });
  }

  @Test
  void twoIdenticalFeaturesWithEqualWeightsGetEqualShares() {
    PropertyCheck.forAll(200, Cases.cases(1, 6).flatMap(c -> r -> new Object[] {c, r.nextLong()}), in -> {
      Cases.Case base = (Cases.Case) in[0];
      SplittableRandom r = new SplittableRandom((Long) in[1]);
      // two features reading the same attribute: identical columns in every row and in the lead
      List<FeatureSpec> specs = new ArrayList<>(base.schema().schema().features());
      specs.add(NumericFeature.of(FeatureInfo.of("twin_a", FeatureInfo.BEHAVIORAL), "same"));
      specs.add(NumericFeature.of(FeatureInfo.of("twin_b", FeatureInfo.BEHAVIORAL), "same"));
      specs.add(new InteractionFeature(FeatureInfo.of("twin_x", FeatureInfo.BEHAVIORAL), "twin_a", "twin_b"));
      List<Lead> bgLeads = new ArrayList<>();
      for (Lead l : base.backgroundLeads()) {
        bgLeads.add(l.toBuilder().number("same", r.nextInt(20)).build());
      }
      Lead lead = r.nextBoolean() ? base.lead().toBuilder().number("same", r.nextInt(20)).build() : base.lead();
      FittedSchema s = FeatureSchema.of("twins", 1, specs).fit(bgLeads);
      List<double[]> rows = new ArrayList<>();
      for (Lead l : bgLeads) {
        rows.add(s.extract(l, Cases.AS_OF));
      }
      double[] w = new double[s.width()];
      double wv = r.nextDouble() * 2 - 1;
      double wf = r.nextDouble() * 2 - 1;
      for (Column col : s.columns()) {
        if (col.feature().startsWith("twin_")) {
          w[col.index()] = col.role() == Column.Role.MISSING_FLAG ? wf : col.role() == Column.Role.INTERACTION ? 0.3 : wv;
        } else {
          w[col.index()] = r.nextDouble() * 2 - 1;
        }
      }
      Attribution a = LinearShap.of(LinearModel.of(s, 0.1, w, Background.of(s, rows))).attribute(s.extract(lead, Cases.AS_OF));
      assertEquals(a.contribution("twin_a"), a.contribution("twin_b"), 1e-12);
    });
  }

  @Test
  void contributionsAreLinearInTheModel() {
    PropertyCheck.forAll(300, Cases.cases(1, 15).flatMap(c -> r -> new Object[] {c, r.nextLong()}), in -> {
      Cases.Case c = (Cases.Case) in[0];
      SplittableRandom r = new SplittableRandom((Long) in[1]);
      double[] w1 = c.weights();
      double[] w2 = new double[w1.length];
      double[] w12 = new double[w1.length];
      for (int j = 0; j < w1.length; j++) {
        w2[j] = r.nextDouble() * 4 - 2;
        w12[j] = w1[j] + w2[j];
      }
      double b2 = r.nextDouble();
      Background bg = c.background();
      double[] x = c.x();
      Attribution a1 = LinearShap.of(LinearModel.of(c.schema(), c.intercept(), w1, bg)).attribute(x);
      Attribution a2 = LinearShap.of(LinearModel.of(c.schema(), b2, w2, bg)).attribute(x);
      Attribution a12 = LinearShap.of(LinearModel.of(c.schema(), c.intercept() + b2, w12, bg)).attribute(x);
      for (int i = 0; i < a1.size(); i++) {
        assertEquals(a1.contribution(i) + a2.contribution(i), a12.contribution(i), 1e-9, a1.feature(i));
      }
      assertEquals(a1.baseValue() + a2.baseValue(), a12.baseValue(), 1e-9);
    });
  }

  @Test
  void importanceIsTheMeanAbsoluteContribution() {
    PropertyCheck.forAll(100, Cases.cases(1, 10), c -> {
      LinearShap shap = LinearShap.of(c.model());
      List<Importance> imp = shap.importance(c.rows());
      assertEquals(shap.features().size(), imp.size());
      for (Importance i : imp) {
        double abs = 0;
        double signed = 0;
        for (double[] row : c.rows()) {
          double phi = shap.attribute(row).contribution(i.feature());
          abs += Math.abs(phi);
          signed += phi;
        }
        assertEquals(abs / c.rows().size(), i.meanAbsContribution(), 1e-12);
        // over its own background every feature averages to zero
        assertEquals(0.0, i.meanContribution(), 1e-9);
        assertEquals(signed / c.rows().size(), i.meanContribution(), 1e-12);
      }
      for (int k = 1; k < imp.size(); k++) {
        assertTrue(imp.get(k - 1).meanAbsContribution() >= imp.get(k).meanAbsContribution());
      }
    });
  }

  static List<String> parentFeatures(FittedSchema s, Column col) {
    if (col.role() != Column.Role.INTERACTION) {
      return List.of();
    }
    InteractionFeature f = (InteractionFeature) s.schema().feature(col.feature());
    return List.of(s.columns().get(s.columnIndex(f.left())).feature(), s.columns().get(s.columnIndex(f.right())).feature());
  }
}
