package dev.leadscore.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.hardening.Fuzz;
import dev.leadscore.core.hardening.Leads;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Numerical edges for the learned model's scorer: extreme attribute values, huge event counts,
 * millions of events, the ends of time, leads with only an id (a trained model); logits far
 * beyond ±700 (a {@link LinearModel} with huge weights built by hand); calibrators at extreme
 * logits. Every score must have a finite probability in [0, 1], a score in [0, 100] and a finite
 * explanation whose parts add up to the logit. The only exception allowed is {@link
 * LeadDataException}, naming the lead and the field, for a value that cannot be used (text where
 * a number is needed; a value that makes the logit itself overflow to infinity).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ModelNumericalEdgesTest {
  private static final Instant AS_OF = Instant.parse("2026-01-01T00:00:00Z");
  private static TrainedModel trained;
  private static ModelScorer scorer;

  @BeforeAll
  static void setUp() {
    trained = Models.defaultModel();
    scorer = ModelScorer.of(trained);
  }

  static void assertSane(Score s) {
    assertTrue(Double.isFinite(s.probability()) && s.probability() >= 0 && s.probability() <= 1, "probability: " + s);
    assertTrue(s.score() >= 0 && s.score() <= 100, "score: " + s);
    s.explanation().ifPresent(e -> {
      assertTrue(Double.isFinite(e.baseValue()) && Double.isFinite(e.total()), "finite explanation: " + e);
      for (Reason r : e.contributions()) {
        assertTrue(Double.isFinite(r.contribution()), r.toString());
      }
    });
  }

  private static final double[] EXTREMES = {1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 999999.0,
      1e15, -1e15};

  // ------------------------------------------------------------------ the trained model

  @Test
  void trainedModelOnExtremeValuesCountsAndInstants() {
    Tally t = new Tally("ModelScorer(trained).score extreme values (deterministic grid)");
    List<Instant> instants = List.of(Instant.MIN, Instant.MAX, Instant.EPOCH, AS_OF, AS_OF.minusNanos(1));
    List<Instant> asOfs = List.of(AS_OF, Instant.MIN, Instant.MAX);
    for (double v : EXTREMES) {
      for (Instant at : instants) {
        for (Instant asOf : asOfs) {
          Lead.Builder b = Lead.builder("E").bool("decision_maker", true).text("tech_fit", "high");
          for (String n : List.of("company_size", "annual_revenue", "company_age_years")) {
            b.number(n, v);
          }
          for (String type : trained.schema().schema().eventTypes()) {
            b.event(type, at, Integer.MAX_VALUE);
            b.event(type, at, Integer.MAX_VALUE);
          }
          Lead lead = b.build();
          Outcome<Score> o = Fuzz.attempt(t, lead.attributes() + " at " + at + " asOf " + asOf, () -> scorer.score(lead, asOf));
          if (o.ok()) {
            assertSane(o.value());
            Fuzz.attempt(t, "nextTierMoves " + lead.attributes(), () -> scorer.nextTierMoves(lead, asOf));
          }
        }
      }
    }
    t.assertClean();
  }

  @Test
  void trainedModelOnArbitraryLeads() {
    Tally t = new Tally("ModelScorer(trained).score arbitrary leads");
    Gen<Instant> asOfs = Gen.anyOf(Gen.constant(AS_OF), Gen.oneOf(Instant.MIN, Instant.MAX, Instant.EPOCH));
    PropertyCheck.forAll(2000, Gen.zip(Leads.arbitrary(trained.schema().schema(), AS_OF), asOfs, PropertyCheck.Pair::new), in -> {
      Lead lead = in.a();
      Outcome<Score> o = Fuzz.attempt(t, "lead " + lead.attributes() + " " + lead.events(), () -> scorer.score(lead, in.b()),
          LeadDataException.class);
      if (o.ok()) {
        assertSane(o.value());
      } else if (o.thrown() instanceof LeadDataException e) {
        assertEquals(lead.id(), e.leadId());
        assertTrue(e.getMessage().contains(e.field()), e.getMessage());
      }
    });
    t.assertClean();
    assertTrue(t.countOf("ok") > 1000, t.summary());
  }

  @Test
  void trainedModelOnMillionsOfEventsAndBareLeads() {
    List<String> types = new ArrayList<>(trained.schema().schema().eventTypes());
    Instant[] at = new Instant[400];
    for (int i = 0; i < at.length; i++) {
      at[i] = AS_OF.minusSeconds(86_400L * i + 17);
    }
    Lead.Builder b = Lead.builder("many");
    int n = 2_000_000;
    for (int i = 0; i < n; i++) {
      b.event(types.get(i % types.size()), at[i % at.length], 1 + (i & 3));
    }
    Lead many = b.build();
    long start = System.nanoTime();
    Score s = scorer.score(many, AS_OF);
    System.out.printf("[hardening] ModelScorer.score on one lead with %,d events: %.2f s, score %.2f%n", n,
        (System.nanoTime() - start) / 1e9, s.score());
    assertSane(s);
    List<Lead> bare = List.of(Lead.builder("only-id").build(), Lead.builder("blank").absent("company_size").text("job_title", " ")
        .text("email", "").build());
    for (Instant asOf : List.of(AS_OF, Instant.MIN, Instant.MAX)) {
      BatchResult r = scorer.scoreAll(bare, asOf, LeadScorer.Detail.EXPLAINED);
      assertEquals(List.of(), r.errors());
      r.scores().forEach(ModelNumericalEdgesTest::assertSane);
      for (Lead l : bare) {
        assertSane(scorer.score(l, asOf, LeadScorer.Detail.SCORE_ONLY));
      }
    }
    for (double z : new double[] {-1e4, -745, -710, -700, 700, 710, 745, 1e4, -Double.MAX_VALUE, Double.MAX_VALUE}) {
      double p = scorer.probability(z);
      assertTrue(Double.isFinite(p) && p >= 0 && p <= 1, "calibrated p(" + z + ") = " + p);
    }
  }

  // ------------------------------------------------------------------ a hand-built model with huge weights

  /** An unclipped number, an uncapped count, a categorical: nothing in the schema tames extreme values. */
  static FittedSchema rawSchema() {
    FeatureSchema s = FeatureSchema.of("raw", 1,
        new NumericFeature(FeatureInfo.of("x", FeatureInfo.FIRMOGRAPHIC), "x", false, Double.NEGATIVE_INFINITY,
            Double.POSITIVE_INFINITY, Imputation.constant(0), true, List.of()),
        new EventCountFeature(FeatureInfo.of("visits", FeatureInfo.BEHAVIORAL), List.of("visit"), Double.POSITIVE_INFINITY,
            Decay.none(), Double.POSITIVE_INFINITY, false),
        CategoricalFeature.learned(FeatureInfo.of("industry", FeatureInfo.FIRMOGRAPHIC), "industry", 1, List.of()));
    List<Lead> background = List.of(
        Lead.builder("b1").number("x", 1).text("industry", "software").event("visit", AS_OF.minusSeconds(60)).build(),
        Lead.builder("b2").number("x", -2).text("industry", "retail").build(),
        Lead.builder("b3").text("industry", "software").build());
    return s.fit(background);
  }

  static Background background(FittedSchema fs) {
    return Background.ofLeads(fs, List.of(
        Lead.builder("b1").number("x", 1).text("industry", "software").event("visit", AS_OF.minusSeconds(60)).build(),
        Lead.builder("b2").number("x", -2).text("industry", "retail").build(),
        Lead.builder("b3").text("industry", "software").build()), AS_OF);
  }

  static Lead lead(String id, double x, int visits, int count) {
    Lead.Builder b = Lead.builder(id).number("x", x).text("industry", visits % 2 == 0 ? "software" : "mining");
    for (int i = 0; i < visits; i++) {
      b.event("visit", AS_OF.minusSeconds(3600L * (i + 1)), count);
    }
    return b.build();
  }

  @Test
  void logitsFarBeyond700GiveFiniteProbabilitiesAndExactExplanations() {
    Tally t = new Tally("ModelScorer(hand-built, huge weights) logits beyond +-700");
    FittedSchema fs = rawSchema();
    Background bg = background(fs);
    double[] weightScales = {1, 750, 1e3, 1e6, 1e12, 1e100, 1e300};
    double[] intercepts = {0, 800, -800, 1e300, -1e300};
    double[] xs = {0, 1, -1, 3.5, -1e3, 1e5};
    int beyond = 0;
    for (double w : weightScales) {
      for (double b : intercepts) {
        double[] weights = new double[fs.width()];
        weights[fs.columnIndex("x")] = w;
        weights[fs.columnIndex("x_missing")] = -w;
        weights[fs.columnIndex("visits")] = w / 2;
        weights[fs.columnIndex("industry=software")] = -w / 3;
        ModelScorer s = ModelScorer.of("huge", "1", LinearModel.of(fs, b, weights, bg), TierCutoffs.of(80, 60, 30));
        for (double x : xs) {
          for (int visits : new int[] {0, 3}) {
            for (int count : new int[] {1, Integer.MAX_VALUE}) {
              Lead l = lead("L", x, visits, count);
              Outcome<Score> o = Fuzz.attempt(t, "w=" + w + " b=" + b + " x=" + x + " visits=" + visits + "x" + count,
                  () -> s.score(l, AS_OF), LeadDataException.class);
              if (!o.ok()) {
                Throwable e = o.thrown();
                if (!e.getMessage().contains("logit") || !e.getMessage().contains("'L'")) {
                  t.fail("refusal does not say which lead and that the logit overflowed: " + e.getMessage());
                }
                continue;
              }
              assertSane(o.value());
              double logit = s.model().logit(fs.extract(l, AS_OF));
              beyond += Math.abs(logit) > 700 ? 1 : 0;
              Explanation e = o.value().explanation().orElseThrow();
              double scale = Math.abs(e.baseValue());
              for (Reason r : e.contributions()) {
                scale = Math.max(scale, Math.abs(r.contribution()));
              }
              if (Math.abs(e.total() - logit) > 1e-9 * Math.max(1, scale)) {
                t.fail("base + contributions = " + e.total() + " but the logit is " + logit + " (w=" + w + ", b=" + b + ", x=" + x + ")");
              }
              if (logit > 40 && o.value().probability() < 1 - 1e-15 || logit < -40 && o.value().probability() > 1e-15) {
                t.fail("logit " + logit + " gave probability " + o.value().probability());
              }
            }
          }
        }
      }
    }
    System.out.println("[hardening] hand-built model: " + beyond + " scored leads had |logit| > 700");
    assertTrue(beyond > 100, "the grid reaches logits beyond +-700");
    t.assertClean();
  }

  /**
   * Values so large that the logit itself overflows to infinity (x = 1e308 times a weight of
   * 10): refused with a LeadDataException naming the lead, the feature and the logit, which the
   * batch API reports per row while scoring the others.
   */
  @Test
  void anOverflowingLogitIsReportedPerLead() {
    FittedSchema fs = rawSchema();
    double[] weights = new double[fs.width()];
    weights[fs.columnIndex("x")] = 10;
    ModelScorer s = ModelScorer.of("overflow", "1", LinearModel.of(fs, 0, weights, background(fs)), TierCutoffs.of(80, 60, 30));
    List<Lead> batch = List.of(lead("ok1", 5, 1, 1), lead("inf", 1e308, 1, 1), lead("ninf", -1e308, 0, 1), lead("ok2", -5, 0, 1));
    for (LeadScorer.Detail d : LeadScorer.Detail.values()) {
      BatchResult r = s.scoreAll(batch, AS_OF, d);
      assertEquals(2, r.scores().size(), r.errors().toString());
      assertEquals(2, r.errors().size());
      for (var e : r.errors()) {
        assertTrue(e.message().contains("logit") && e.message().contains("'x'") && e.leadId() != null, e.toString());
      }
      r.scores().forEach(ModelNumericalEdgesTest::assertSane);
    }
    System.out.println("[hardening] overflowing logit (x = +-1e308, w = 10): reported as LeadDataException per lead, batch goes on");
  }

  /**
   * A finite logit whose SHAP parts overflow: weight 1e-300 on x = 1e308 gives 1e8 on the logit
   * scale, but against a background mean of -1e308 the contribution w·(x − E[x]) is computed as
   * 1e-300·(x − E[x]) = 1e-300·Infinity.
   */
  @Test
  void shapPartsOfAFiniteLogitStayFinite() {
    FittedSchema fs = rawSchema();
    double[] means = Background.ofLeads(fs, List.of(Lead.builder("b").number("x", 1).build()), AS_OF).means();
    means[fs.columnIndex("x")] = -1e308;
    double[] weights = new double[fs.width()];
    weights[fs.columnIndex("x")] = 1e-300;
    ModelScorer s = ModelScorer.of("shap", "1", LinearModel.of(fs, 0, weights, Background.ofMeans(fs, means)), TierCutoffs.of(80, 60, 30));
    Lead l = lead("big", 1e308, 0, 1);
    assertSane(s.score(l, AS_OF, LeadScorer.Detail.SCORE_ONLY));
    Score explained = s.score(l, AS_OF, LeadScorer.Detail.EXPLAINED);
    assertSane(explained);
  }

  /**
   * A background of extreme but finite leads: the mean of 1e308 and 1e308 is 1e308, and whatever
   * Background.ofLeads accepts must let the scorer explain every lead.
   */
  @Test
  void backgroundOfExtremeLeads() {
    FittedSchema fs = rawSchema();
    Tally t = new Tally("Background.ofLeads of extreme leads");
    for (double v : EXTREMES) {
      List<Lead> leads = List.of(lead("a", v, 0, 1), lead("b", v, 0, 1), lead("c", v, 1, Integer.MAX_VALUE));
      Outcome<Background> o = Fuzz.attempt(t, "x=" + v, () -> Background.ofLeads(fs, leads, AS_OF), IllegalArgumentException.class);
      if (o.ok()) {
        for (double m : o.value().means()) {
          if (!Double.isFinite(m)) {
            t.fail("x=" + v + ": background mean " + m);
          }
        }
        double[] w = new double[fs.width()];
        w[fs.columnIndex("x")] = 1e-300;
        Background bg = o.value();
        Outcome<LinearModel> m = Fuzz.attempt(t, "model x=" + v, () -> LinearModel.of(fs, 0, w, bg), IllegalArgumentException.class);
        if (m.ok()) {
          ModelScorer s = ModelScorer.of("bg", "1", m.value(), TierCutoffs.of(80, 60, 30));
          Outcome<Score> sc = Fuzz.attempt(t, "score x=" + v, () -> s.score(lead("plain", 5, 0, 1), AS_OF), LeadDataException.class);
          if (!sc.ok()) {
            t.fail("x=" + v + ": an ordinary lead cannot be explained against this background: " + sc.thrown());
          }
        }
      } else if (!o.thrown().getMessage().contains("x")) {
        t.fail("x=" + v + ": refusal does not name the column: " + o.thrown().getMessage());
      }
    }
    t.assertClean();
  }

  // ------------------------------------------------------------------ calibrators

  @Test
  void calibratorsAtExtremeLogits() {
    Tally t = new Tally("Calibrator.probability at extreme logits");
    List<Calibrator> calibrators = new ArrayList<>(List.of(Calibrator.identity(), trained.calibrator(),
        new Calibrator.Platt(1, 0), new Calibrator.Platt(1e300, -1e300), new Calibrator.Platt(0, 1e300), new Calibrator.Platt(-1, 5),
        new Calibrator.Isotonic(new double[] {-Double.MAX_VALUE, Double.MAX_VALUE}, new double[] {0, 1}),
        new Calibrator.Isotonic(new double[] {-1e-300, 0, 1e-300}, new double[] {0.1, 0.5, 0.9}),
        new Calibrator.Isotonic(new double[] {3}, new double[] {0.4})));
    double[] zs = {Double.NEGATIVE_INFINITY, -Double.MAX_VALUE, -1e308, -1e4, -745, -710, -700, -1, -Double.MIN_VALUE, 0, -0.0,
        Double.MIN_VALUE, 1, 700, 710, 745, 1e4, 1e308, Double.MAX_VALUE, Double.POSITIVE_INFINITY};
    for (Calibrator c : calibrators) {
      double previous = -1;
      for (double z : zs) {
        Outcome<Double> o = Fuzz.attempt(t, c + " at " + z, () -> c.probability(z));
        if (o.ok() && !(o.value() >= 0 && o.value() <= 1)) {
          t.fail(c + " maps " + z + " to " + o.value());
        }
        if (o.ok() && !(c instanceof Calibrator.Platt p && p.a() < 0) && o.value() < previous) {
          t.fail(c + " is not monotone at " + z);
        }
        previous = o.ok() ? o.value() : previous;
      }
      if (Fuzz.attempt(t, c + " at NaN", () -> c.probability(Double.NaN), IllegalArgumentException.class).ok()) {
        t.fail(c + " accepted a NaN logit");
      }
    }
    t.assertClean();
  }
}
