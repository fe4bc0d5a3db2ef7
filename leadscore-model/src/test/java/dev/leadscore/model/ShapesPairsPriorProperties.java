package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.explain.Attribution;
import dev.leadscore.explain.LinearShap;
import dev.leadscore.explain.testing.Cases;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The automatic shape functions, the automatic pairs and the rule prior, on data with a planted
 * curve and a planted interaction: the model learns them (hinge columns, the planted pair), every
 * lead's reasons still add up to its logit (base + Σφ = logit to 1e-9), the closed-form SHAP values
 * of the trained model equal the brute-force Shapley values over all coalitions of its five
 * features, and a prior with a huge lambda makes the model rank like the prior.
 */
class ShapesPairsPriorProperties {
  static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");
  static final int N = 1500;

  static FeatureSchema schema() {
    return FeatureSchema.of("planted", 1,
        NumericFeature.of(FeatureInfo.of("curve", "behavioral"), "curve"),
        NumericFeature.of(FeatureInfo.of("visits", "behavioral"), "visits"),
        NumericFeature.of(FeatureInfo.of("noise", "behavioral"), "noise").withBasis(dev.leadscore.core.schema.Basis.linear()),
        BooleanFeature.of(FeatureInfo.of("partner", "firmographic"), "partner"),
        CategoricalFeature.learned(FeatureInfo.of("region", "firmographic"), "region", 20, List.of()));
  }

  /** logit = bump(curve) + 1.5 visits x partner - 0.5 + region effect; curve is U-shaped, so a straight line cannot fit it. */
  static List<LabelledLead> leads(long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    String[] regions = {"north", "south", "east", "west"};
    List<LabelledLead> out = new ArrayList<>();
    for (int i = 0; i < N; i++) {
      double curve = r.nextDouble(-3, 3);
      double visits = r.nextDouble(0, 4);
      double noise = r.nextGaussian();
      boolean partner = r.nextDouble() < 0.4;
      String region = regions[r.nextInt(4)];
      double logit = 0.8 * curve * curve - 2.5 + (partner ? 1.5 * visits - 1.0 : -0.3 * visits)
          + (region.equals("north") ? 0.5 : 0.0);
      boolean y = r.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
      Lead lead = Lead.builder("L" + i).number("curve", curve).number("visits", visits).number("noise", noise)
          .bool("partner", partner).text("region", region).build();
      out.add(new LabelledLead(lead, y));
    }
    return out;
  }

  static TrainedModel trained() {
    return new ModelTrainer().train(schema(), leads(7), AS_OF, TrainingOptions.builder().threads(1).build());
  }

  @Test
  void theCurveGetsHingesTheOptedOutFeatureDoesNotAndThePlantedPairIsFound() {
    TrainedModel m = trained();
    FittedSchema fitted = m.schema();
    long hinges = fitted.columns().stream().filter(c -> c.role() == Column.Role.BASIS && c.feature().equals("curve")).count();
    assertEquals(TrainingOptions.DEFAULT_AUTO_KNOTS, hinges, "curve's automatic hinge columns");
    assertFalse(fitted.columns().stream().anyMatch(c -> c.role() == Column.Role.BASIS && c.feature().equals("noise")),
        "'basis': 'linear' opts out");
    List<InteractionFeature> pairs = fitted.pairs();
    assertTrue(pairs.stream().anyMatch(p -> (p.left().equals("visits") && p.right().equals("partner"))
        || (p.left().equals("partner") && p.right().equals("visits"))), "planted pair among " + pairs);
    assertTrue(pairs.size() <= TrainingOptions.DEFAULT_MAX_PAIRS);
    // the declared contract is untouched: the same fingerprint as the schema the host declared
    assertEquals(schema().fingerprint(), fitted.schema().fingerprint());
    // and the artifact round trip keeps the learned knots and pairs, bit for bit
    TrainedModel back = ModelArtifact.read(ModelArtifact.write(m));
    assertEquals(fitted, back.schema());
    Lead probe = leads(8).get(0).lead();
    assertEquals(ModelScorer.of(m).score(probe, AS_OF).probability(), ModelScorer.of(back).score(probe, AS_OF).probability());
  }

  @Test
  void reasonsAddUpToTheLogitWithBasesAndPairs() {
    TrainedModel m = trained();
    assertFalse(m.schema().pairs().isEmpty());
    LinearShap shap = ModelScorer.of(m).shap();
    List<LabelledLead> fresh = leads(11);
    PropertyCheck.forAll(300, Gen.ints(0, N - 1), i -> {
      double[] x = m.schema().extract(fresh.get(i).lead(), AS_OF);
      Attribution a = shap.attribute(x);
      assertEquals(m.logit(x), a.logit(), 1e-9);
      assertEquals(a.logit(), a.baseValue() + sum(a.contributions()), LinearShap.ADDITIVITY_TOLERANCE);
      assertEquals(5, a.size(), "one reason per declared feature, none for the learned pair");
    });
  }

  @Test
  void closedFormEqualsBruteForceShapleyOnTheTrainedModel() {
    TrainedModel m = trained();
    FittedSchema fitted = m.schema();
    List<double[]> background = new ArrayList<>();
    for (LabelledLead l : leads(7)) {
      background.add(fitted.extract(l.lead(), AS_OF));
    }
    LinearShap shap = ModelScorer.of(m).shap();
    List<LabelledLead> fresh = leads(12);
    PropertyCheck.forAll(40, Gen.ints(0, N - 1), i -> {
      double[] x = fitted.extract(fresh.get(i).lead(), AS_OF);
      double[] brute = Cases.bruteForceShapley(fitted, m.rawIntercept(), m.rawWeights(), background, x);
      Attribution a = shap.attribute(x);
      assertEquals(Cases.players(fitted), a.features());
      for (int k = 0; k < brute.length; k++) {
        assertEquals(brute[k], a.contribution(k), 1e-9, "feature " + a.feature(k));
      }
    });
  }

  @Test
  void aHeavilyWeightedPriorRanksLikeThePriorAndNoPriorDoesNot() {
    List<LabelledLead> data = leads(21);
    // A prior the schema's columns express exactly, but unlike the truth: "noise" weighs double.
    Prior prior = (fitted, train, asOf) -> train.stream().mapToDouble(l -> 2.0 * num(l, "noise") + num(l, "visits")).toArray();
    TrainingOptions heavy = TrainingOptions.builder().lambda(1e7).threads(1).plain().build();
    TrainedModel withPrior = new ModelTrainer().train(schema(), data, AS_OF, heavy, prior);
    TrainedModel without = new ModelTrainer().train(schema(), data, AS_OF, heavy, null);
    List<Lead> probes = leads(22).stream().map(LabelledLead::lead).toList();
    double[] p = prior.points(withPrior.schema(), probes, AS_OF);
    int agree = 0;
    int pairs = 0;
    for (int i = 0; i < 200; i++) {
      for (int j = i + 1; j < 200; j++) {
        if (p[i] == p[j]) {
          continue;
        }
        double a = withPrior.logit(withPrior.schema().extract(probes.get(i), AS_OF));
        double b = withPrior.logit(withPrior.schema().extract(probes.get(j), AS_OF));
        agree += (a - b) * (p[i] - p[j]) > 0 ? 1 : 0;
        pairs++;
      }
    }
    // Not every pair: the least-squares map onto the columns is ridged, and 1e7 is not infinity;
    // the ~0.02 % it misses are near ties of the prior.
    assertTrue(agree >= 0.995 * pairs, "pairs of leads in the prior's order: " + agree + " of " + pairs);
    double[] w = without.rawWeights();
    for (double v : w) {
      assertTrue(Math.abs(v) < 1e-3, "without a prior a huge lambda shrinks every weight to about 0: " + v);
    }
  }

  private static double num(Lead lead, String name) {
    return ((dev.leadscore.core.AttributeValue.Num) lead.attribute(name)).value();
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
