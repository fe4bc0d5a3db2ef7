package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.RowError;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.explain.testing.DemoModel;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The scorer a host calls, on the hand-written {@link DemoModel}: golden explanation texts worked
 * out on paper, the score pipeline, SCORE_ONLY, batches, and "what would move this lead".
 */
class ModelScorerTest {
  static final Instant AS_OF = DemoModel.AS_OF;
  final ModelScorer scorer = HandModels.demoScorer();

  static List<String> texts(List<Reason> reasons) {
    return reasons.stream().map(Reason::text).toList();
  }

  @Nested
  class GoldenExplanations {
    @Test
    void hotLead() {
      // pricing 5, one demo, 500 people, software, subscribed, 3 opens. φ: size 0.01·400 + (−0.4)(0 − 0.25) = 4.1;
      // pricing 0.5·(5 − 1) = 2; demo 2·(1 − 0.25) = 1.5; unsubscribed −3·(0 − 0.25) = 0.75;
      // industry 0.8·0.75 + 0.3·0.25 + 0.2·0.25 = 0.725; opens 0.2·(3 − 2) = 0.2. logit = 0.625 + 9.275 = 9.9.
      Score s = scorer.score(DemoModel.lead("hot", 5, 1, 500, "Software", false, 3), AS_OF);
      Explanation e = s.explanation().orElseThrow();
      assertEquals(Explanation.LOG_ODDS, e.unit());
      assertEquals(0.625, e.baseValue(), 1e-12);
      assertEquals(9.9, e.total(), 1e-12);
      assertEquals(List.of(
          "Works at a company of 500 people",
          "5 pricing-page visits in the last 30 days",
          "Requested a demo (1 request)"), texts(e.topReasons()));
      assertEquals(List.of(), e.risks());
      assertEquals(List.of(4.1, 2.0, 1.5, 0.75, 0.725, 0.2),
          e.contributions().stream().map(r -> Math.round(r.contribution() * 1e9) / 1e9).toList());
      assertEquals(List.of("company_size", "pricing_visits", "demo_requests", "unsubscribed", "industry", "email_opens"),
          e.contributions().stream().map(Reason::feature).toList());
      assertEquals("Works in Software", e.contributions().get(4).text());
      // fit = size + industry, intent = pricing + demo + unsubscribed + opens
      assertEquals(4.1 + 0.725, e.fit(), 1e-12);
      assertEquals(2 + 1.5 + 0.75 + 0.2, e.intent(), 1e-12);
      assertEquals(100 * Calibrator.identity().probability(9.9), s.score(), 1e-12);
      assertEquals(Tier.HOT, s.tier());
      assertEquals("demo-model", s.modelId());
      assertEquals("7", s.modelVersion());
    }

    @Test
    void coldLeadRisksTiesAndMissingWording() {
      // no pricing visits, no demo, size unknown, retail, unsubscribed, no opens. φ: unsubscribed −3·0.75 = −2.25;
      // pricing 0.5·(0 − 1) = −0.5 and demo 2·(0 − 0.25) = −0.5 tie exactly (ordered by feature name);
      // opens −0.4; industry −0.2 − 0.225 + 0.05 = −0.375; size 0.01·(100 − 100) − 0.4·0.75 = −0.3.
      Score s = scorer.score(DemoModel.lead("cold", 0, 0, -1, "retail", true, 0), AS_OF);
      Explanation e = s.explanation().orElseThrow();
      assertEquals(List.of(), e.topReasons());
      assertEquals(List.of(
          "Unsubscribed from your emails",
          "Has not requested a demo",
          "No pricing-page visits in the last 30 days"), texts(e.risks()));
      Reason size = e.contributions().stream().filter(r -> r.feature().equals("company_size")).findFirst().orElseThrow();
      assertEquals("Company size unknown", size.text());
      assertNull(size.value());
      assertEquals(-0.3, size.contribution(), 1e-12);
      assertEquals(0.625 - 2.25 - 0.5 - 0.5 - 0.4 - 0.375 - 0.3, e.total(), 1e-12);
      assertEquals(Tier.SUPPRESS, s.tier());
    }

    @Test
    void featuresAtTheirAverageAreNotListed() {
      // one pricing visit = the background mean, two opens = the mean: both φ = 0 exactly
      Explanation e = scorer.score(DemoModel.lead("mid", 1, 0, 100, "software", false, 2), AS_OF).explanation().orElseThrow();
      List<String> features = e.contributions().stream().map(Reason::feature).toList();
      assertEquals(List.of("unsubscribed", "industry", "company_size", "demo_requests"), features);
      assertEquals(List.of("Still subscribed to your emails", "Works in Software",
          "Works at a company of 100 people"), texts(e.topReasons()));
      assertEquals(List.of("Has not requested a demo"), texts(e.risks()));
      assertEquals(scorer.shap().attribute(DemoModel.lead("mid", 1, 0, 100, "software", false, 2), AS_OF).logit(),
          e.total(), 1e-12);
    }

    @Test
    void everyTextIsTheSchemasOwnSentenceForThatLead() {
      FittedSchema fs = scorer.model().schema();
      for (Lead lead : List.of(DemoModel.lead("a", 5, 1, 500, "Software", false, 3), DemoModel.lead("b", 0, 0, -1, "retail", true, 0),
          DemoModel.lead("c", 2, 0, 30, null, false, 9))) {
        double[] row = fs.extract(lead, AS_OF);
        for (Reason r : scorer.score(lead, AS_OF).explanation().orElseThrow().contributions()) {
          int f = fs.featureIndex(r.feature());
          assertEquals(fs.describe(lead, AS_OF, f, row), r.text());
          assertEquals(fs.displayValue(lead, AS_OF, f, row), r.value());
          assertEquals(fs.schema().feature(r.feature()).family(), r.family());
        }
      }
    }
  }

  @Nested
  class Scoring {
    @Test
    void scoreOnlyComputesNoExplanationAndTheSameNumbers() {
      Lead lead = DemoModel.lead("x", 3, 0, 250, "retail", false, 1);
      Score only = scorer.score(lead, AS_OF, Detail.SCORE_ONLY);
      Score full = scorer.score(lead, AS_OF, Detail.EXPLAINED);
      assertEquals(Optional.empty(), only.explanation());
      assertTrue(full.explanation().isPresent());
      assertEquals(full.probability(), only.probability(), 0);
      assertEquals(full.score(), only.score(), 0);
      assertEquals(full.tier(), only.tier());
      assertEquals(100 * only.probability(), only.score(), 0);
      BatchResult batch = scorer.scoreAll(List.of(lead, lead), AS_OF, Detail.SCORE_ONLY);
      assertTrue(batch.scores().stream().allMatch(s -> s.explanation().isEmpty()));
    }

    @Test
    void aCalibrationIsAppliedToTheLogit() {
      // a Platt-like recalibration 1/(1 + e^−(0.5 z − 1))
      ModelScorer platt = ModelScorer.of("m", "1", DemoModel.model(), z -> Calibrator.identity().probability(0.5 * z - 1), DemoModel.CUTOFFS);
      Lead lead = DemoModel.lead("x", 3, 0, 250, "retail", false, 1);
      double z = scorer.shap().attribute(lead, AS_OF).logit();
      Score s = platt.score(lead, AS_OF, Detail.SCORE_ONLY);
      assertEquals(Calibrator.identity().probability(0.5 * z - 1), s.probability(), 0);
      assertEquals(DemoModel.CUTOFFS.tierOf(s.score()), s.tier());
      ModelScorer broken = ModelScorer.of("m", "1", DemoModel.model(), zz -> 1.5, DemoModel.CUTOFFS);
      assertThrows(IllegalStateException.class, () -> broken.score(lead, AS_OF, Detail.SCORE_ONLY));
    }

    @Test
    void logisticIsStableAtTheExtremes() {
      assertEquals(0.5, Calibrator.identity().probability(0), 0);
      assertEquals(1.0, Calibrator.identity().probability(Double.POSITIVE_INFINITY), 0);
      assertEquals(0.0, Calibrator.identity().probability(Double.NEGATIVE_INFINITY), 0);
      assertEquals(Math.exp(-800), Calibrator.identity().probability(-800), 0);
      assertEquals(1 / (1 + Math.exp(-3)), Calibrator.identity().probability(3), 1e-16);
    }

    @Test
    void batchesReportBadRowsAndScoreTheRest() {
      Lead good = DemoModel.lead("good", 2, 1, 80, "software", false, 2);
      Lead bad = Lead.builder("bad").text("company_size", "lots").build();
      List<Lead> leads = new ArrayList<>(Arrays.asList(good, bad, null, good));
      BatchResult r = scorer.scoreAll(leads, AS_OF, Detail.EXPLAINED);
      assertEquals(2, r.scores().size());
      assertEquals(scorer.score(good, AS_OF), r.scores().get(0));
      assertEquals(r.scores().get(0), r.scores().get(1));
      assertEquals(2, r.errors().size());
      RowError e0 = r.errors().get(0);
      assertEquals(1, e0.row());
      assertEquals("bad", e0.leadId());
      assertEquals("company_size", e0.field());
      assertEquals(2, r.errors().get(1).row());
      assertThrows(LeadDataException.class, () -> scorer.score(bad, AS_OF));
    }

    @Test
    void idsAreRequired() {
      assertThrows(IllegalArgumentException.class, () -> ModelScorer.of(" ", "1", DemoModel.model(), DemoModel.CUTOFFS));
      assertThrows(IllegalArgumentException.class, () -> ModelScorer.of("m", null, DemoModel.model(), DemoModel.CUTOFFS));
    }
  }

  @Nested
  class ProbabilityScale {
    @Test
    void percentagePointsAddUpToTheProbabilityGap() {
      Score s = scorer.score(DemoModel.lead("x", 3, 0, 250, "retail", false, 1), AS_OF);
      Explanation lo = s.explanation().orElseThrow();
      Explanation pp = scorer.inPercentagePoints(lo);
      assertEquals(ModelScorer.PERCENTAGE_POINTS, pp.unit());
      assertEquals(100 * Calibrator.identity().probability(lo.baseValue()), pp.baseValue(), 1e-12);
      assertEquals(s.score(), pp.total(), 1e-9);
      assertEquals(lo.contributions().stream().map(Reason::feature).toList(), pp.contributions().stream().map(Reason::feature).toList());
      // each part is its log-odds share scaled by the same secant slope
      double slope = (s.probability() - Calibrator.identity().probability(lo.baseValue())) / (lo.total() - lo.baseValue());
      for (int i = 0; i < pp.contributions().size(); i++) {
        assertEquals(100 * slope * lo.contributions().get(i).contribution(), pp.contributions().get(i).contribution(), 1e-12);
        assertEquals(lo.contributions().get(i).text(), pp.contributions().get(i).text());
      }
      Explanation rules = Explanation.of(Explanation.POINTS, 10, List.of());
      assertThrows(IllegalArgumentException.class, () -> scorer.inPercentagePoints(rules));
    }
  }

  @Nested
  class WhatWouldMoveThisLead {
    // logit 0.625 − 0.5 (no demo) − 0.7 (20 people) + 0.725 (software) + 0.75 (subscribed) − 0.2 (1 open) = 0.7: Warm (66.8)
    final Lead warm = DemoModel.lead("warm", 1, 0, 20, "software", false, 1);

    @Test
    void oneDemoRequestMakesItHot() {
      Score now = scorer.score(warm, AS_OF, Detail.SCORE_ONLY);
      assertEquals(Tier.WARM, now.tier());
      Move move = scorer.nextTierMove(warm, AS_OF).orElseThrow();
      assertEquals("demo_requests", move.feature());
      assertEquals("one more demo request", move.change());
      assertEquals("demo_request", move.eventType());
      assertEquals(1, move.addedEvents());
      assertEquals(Tier.HOT, move.newTier());
      // +2 log-odds: 2.7
      assertEquals(100 * Calibrator.identity().probability(2.7), move.newScore(), 1e-9);
      assertEquals("One more demo request would make this lead Hot (score 93).", move.sentence());
      // re-scored independently: the same lead with one demo request now
      Lead changed = warm.toBuilder().event("demo_request", AS_OF).build();
      assertEquals(changed, move.changedLead());
      Score after = scorer.score(changed, AS_OF, Detail.SCORE_ONLY);
      assertEquals(Tier.HOT, after.tier());
      assertEquals(after.score(), move.newScore(), 0);
    }

    @Test
    void pricingVisitsNeedTwo() {
      List<Move> moves = scorer.nextTierMoves(warm, AS_OF);
      assertEquals(List.of("demo_requests", "pricing_visits"), moves.stream().map(Move::feature).toList());
      Move pricing = moves.get(1);
      // +0.5 per visit: 1.2 (76.9, still Warm), 1.7 (84.6, Hot)
      assertEquals("two more pricing page visits", pricing.change());
      assertEquals(2, pricing.addedEvents());
      assertEquals(Tier.HOT, pricing.newTier());
      Lead one = warm.toBuilder().event("pricing_page_visit", AS_OF).build();
      assertEquals(Tier.WARM, scorer.score(one, AS_OF, Detail.SCORE_ONLY).tier());
      Lead two = one.toBuilder().event("pricing_page_visit", AS_OF).build();
      assertEquals(Tier.HOT, scorer.score(two, AS_OF, Detail.SCORE_ONLY).tier());
    }

    @Test
    void aHotLeadHasNoMoveAndNeitherDoesAHopelessOne() {
      assertEquals(Optional.empty(), scorer.nextTierMove(DemoModel.lead("hot", 5, 1, 500, "software", false, 3), AS_OF));
      // unsubscribed, tiny company: even a demo and ten pricing visits leave it in Suppress
      ModelScorer strict = scorer.withCutoffs(TierCutoffs.of(99.99, 99.9, 99));
      assertEquals(List.of(), strict.nextTierMoves(DemoModel.lead("cold", 0, 0, 1, "retail", true, 0), AS_OF));
      // an empty next tier cannot be reached
      ModelScorer emptyHot = scorer.withCutoffs(TierCutoffs.of(TierCutoffs.EMPTY_TIER, 60, 30));
      assertEquals(Optional.empty(), emptyHot.nextTierMove(warm, AS_OF));
    }

    @Test
    void numericValuesMoveInClosedFormAndBooleansFlip() {
      FittedSchema s = FeatureSchema.of("budget", 1,
          new NumericFeature(new FeatureInfo("budget", FeatureInfo.FIRMOGRAPHIC,
              ReasonTemplates.of("Budget of {value}", "Budget unknown"), true),
              "budget", false, 0, 1_000_000, Imputation.constant(0), false, List.of()),
          new BooleanFeature(new FeatureInfo("opted_in", FeatureInfo.EMAIL, ReasonTemplates.plain("opted in"), true),
              "opted_in", Imputation.constant(0), false, List.of())).fit(List.of());
      List<Lead> bg = List.of(Lead.builder("b1").number("budget", 0).build(), Lead.builder("b2").number("budget", 1000).build());
      // logit = −3 + 0.001·budget + 3·opted_in
      LinearModel m = LinearModel.of(s, -3, new double[] {0.001, 3}, Background.ofLeads(s, bg, AS_OF));
      ModelScorer sc = ModelScorer.of("budget", "1", m, TierCutoffs.of(80, 60, 30));
      Lead lead = Lead.builder("L").number("budget", 1000).bool("opted_in", false).build();
      assertEquals(Tier.SUPPRESS, sc.score(lead, AS_OF).tier()); // logit −2: 11.9
      List<Move> moves = sc.nextTierMoves(lead, AS_OF);
      assertEquals(List.of("opted_in", "budget"), moves.stream().map(Move::feature).toList());
      // opting in: logit 1, 73.1, Warm (more than one tier up)
      assertEquals("opted in yes instead of no", moves.get(0).change());
      assertEquals(Tier.WARM, moves.get(0).newTier());
      // Nurture needs logit >= ln(0.3/0.7) = −0.8473: budget >= 2152.7, so 2153
      Move budget = moves.get(1);
      assertEquals("budget 2153 instead of 1000", budget.change());
      assertEquals(Tier.NURTURE, budget.newTier());
      assertEquals(0, budget.addedEvents());
      assertNull(budget.eventType());
      assertEquals(Tier.NURTURE, sc.score(lead.toBuilder().number("budget", 2153).build(), AS_OF).tier());
      assertEquals(Tier.SUPPRESS, sc.score(lead.toBuilder().number("budget", 2152).build(), AS_OF).tier());
    }

    @Test
    void wordsForEvents() {
      assertEquals("one more demo request", Moves.eventWords("demo_request", 1));
      assertEquals("three more pricing page visits", Moves.eventWords("pricing_page_visit", 3));
      assertEquals("two more email replies", Moves.eventWords("email_reply", 2));
      assertEquals("two more webinar attended events", Moves.eventWords("webinar_attended", 2));
      assertEquals("ten more contact sales forms", Moves.eventWords("contact-sales-form", 10));
    }
  }
}
