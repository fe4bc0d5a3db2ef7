package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.explain.Attribution;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.Importance;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.explain.LinearShap;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The scorer on the synthetic pipeline's 33 signals (the default schema, every feature kind, a
 * product column) with fixed, seeded weights: texts, additivity, threads, and moves verified by
 * re-scoring.
 */
class SyntheticPipelineScorerTest {
  static final SyntheticData DATA = SyntheticPipeline.builder().size(400).seed(5).build().generate();
  static final Instant AS_OF = DATA.asOf();
  static final List<Lead> LEADS = DATA.unlabelled();
  static final FittedSchema SCHEMA = SyntheticPipeline.defaultSchema().fit(LEADS.subList(0, 300));
  static final ModelScorer SCORER = scorer();
  static final int PLAYERS = (int) SCHEMA.schema().features().stream().filter(f -> !f.kind().equals("interaction")).count();

  /** Seeded weights in [-0.6, 0.6] (unsubscribe, bounce and spam −2), intercept so the base value is −1. */
  static ModelScorer scorer() {
    Background bg = Background.ofLeads(SCHEMA, LEADS.subList(0, 300), AS_OF);
    SplittableRandom r = new SplittableRandom(2026);
    double[] w = new double[SCHEMA.width()];
    double dot = 0;
    for (Column c : SCHEMA.columns()) {
      double v = Math.round((r.nextDouble() * 1.2 - 0.6) * 100) / 100.0;
      if (c.feature().equals("unsubscribed") || c.feature().equals("email_bounced") || c.feature().equals("marked_spam")) {
        v = -2;
      }
      if (c.feature().equals("demo_requests_90d")) {
        v = 1.5;
      }
      if (c.feature().startsWith("days_since") && c.role() == Column.Role.VALUE) {
        v = -0.01;
      }
      w[c.index()] = v;
      dot += v * bg.mean(c.index());
    }
    return ModelScorer.of("synthetic-test", "1", LinearModel.of(SCHEMA, -1 - dot, w, bg), TierCutoffs.of(70, 45, 25));
  }

  @Test
  void sentencesUseTheLeadsValuesAndNeverColumnNamesOrCoefficients() {
    List<String> columnNames = SCHEMA.columns().stream().map(Column::name)
        .filter(n -> n.contains("_") || n.contains("=")).toList();
    int reasons = 0;
    int withValue = 0;
    for (Lead lead : LEADS) {
      double[] row = SCHEMA.extract(lead, AS_OF);
      Explanation e = SCORER.score(lead, AS_OF).explanation().orElseThrow();
      for (Reason r : e.contributions()) {
        reasons++;
        FeatureSpec spec = SCHEMA.schema().feature(r.feature());
        assertEquals(SCHEMA.describe(lead, AS_OF, SCHEMA.featureIndex(r.feature()), row), r.text());
        assertFalse(r.text().contains("{value}"), r.text());
        for (String col : columnNames) {
          assertFalse(r.text().contains(col), () -> "'" + r.text() + "' names column " + col);
        }
        ReasonTemplates t = spec.info().reasons();
        // a zero count reads "no ...", a zero recency "today"; every other value is quoted
        String template = r.value() == null ? t.missing() : t.fields().getOrDefault("value", "");
        if (r.value() != null && !r.value().equals("0") && template.contains(ReasonTemplates.VALUE)) {
          withValue++;
          assertTrue(r.text().contains(r.value()), () -> "'" + r.text() + "' lacks the value " + r.value());
        }
        assertTrue(Math.abs(r.contribution()) >= LinearShap.NEUTRAL_EPSILON);
        assertFalse(spec.kind().equals("interaction"), "products are split between their parents");
      }
      assertEquals(SCORER.shap().attribute(row).logit(), e.total(), LinearShap.ADDITIVITY_TOLERANCE);
      assertTrue(e.topReasons().size() <= 3 && e.risks().size() <= 3);
    }
    assertTrue(reasons > 20 * LEADS.size(), "most of the 33 signals are listed: " + reasons);
    assertTrue(withValue > 10 * LEADS.size(), "values appear in the sentences: " + withValue);
  }

  @Test
  void theProductColumnIsSplitBetweenDecisionMakerAndPricingVisits() {
    Attribution any = SCORER.shap().attribute(LEADS.get(0), AS_OF);
    assertFalse(any.features().contains("dm_x_pricing"));
    assertTrue(any.features().contains("decision_maker") && any.features().contains("pricing_visits_30d"));
    assertEquals(PLAYERS, any.size(), "every non-product feature of the default schema is a player");
  }

  @Test
  void fourThreadsGetExactlyWhatOneThreadGets() throws Exception {
    List<Score> sequential = new ArrayList<>();
    for (Lead lead : LEADS) {
      sequential.add(SCORER.score(lead, AS_OF, Detail.EXPLAINED));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<List<Score>>> results = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        final int offset = t * 97;
        Callable<List<Score>> task = () -> {
          start.await();
          Score[] out = new Score[LEADS.size()];
          for (int i = 0; i < LEADS.size(); i++) { // each thread in its own order
            int k = (i + offset) % LEADS.size();
            out[k] = SCORER.score(LEADS.get(k), AS_OF, Detail.EXPLAINED);
          }
          return List.of(out);
        };
        results.add(pool.submit(task));
      }
      start.countDown();
      for (Future<List<Score>> f : results) {
        assertEquals(sequential, f.get(60, TimeUnit.SECONDS));
      }
      assertEquals(sequential, SCORER.scoreAll(LEADS, AS_OF, Detail.EXPLAINED).scores());
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void everyMoveIsVerifiedByRescoringAndIsTheSmallest() {
    int found = 0;
    for (Lead lead : LEADS.subList(0, 150)) {
      Tier now = SCORER.score(lead, AS_OF, Detail.SCORE_ONLY).tier();
      for (Move m : SCORER.nextTierMoves(lead, AS_OF)) {
        found++;
        assertTrue(SCHEMA.schema().feature(m.feature()).info().actionable(), m.feature());
        assertTrue(m.newTier().compareTo(now) < 0, "more urgent than " + now);
        // rebuild the changed lead by hand and re-score it
        Lead.Builder b = lead.toBuilder();
        for (int k = 0; k < m.addedEvents(); k++) {
          b.event(m.eventType(), AS_OF);
        }
        Lead changed = b.build();
        assertEquals(changed, m.changedLead());
        Score after = SCORER.score(changed, AS_OF, Detail.SCORE_ONLY);
        assertEquals(m.newScore(), after.score(), 0);
        assertEquals(m.newTier(), after.tier());
        if (m.addedEvents() > 1) {
          Lead.Builder fewer = lead.toBuilder();
          for (int k = 0; k < m.addedEvents() - 1; k++) {
            fewer.event(m.eventType(), AS_OF);
          }
          assertEquals(now, SCORER.score(fewer.build(), AS_OF, Detail.SCORE_ONLY).tier(), "one event fewer is not enough");
        }
      }
      SCORER.nextTierMove(lead, AS_OF).ifPresent(best -> assertTrue(best.sentence().endsWith(").")));
    }
    assertTrue(found > 20, "moves found: " + found);
  }

  @Test
  void importanceRanksAllFeatures() {
    List<Importance> imp = SCORER.shap().importance(LEADS, AS_OF);
    assertEquals(PLAYERS, imp.size());
    assertTrue(imp.get(0).meanAbsContribution() > 0);
    for (int i = 1; i < imp.size(); i++) {
      assertTrue(imp.get(i - 1).meanAbsContribution() >= imp.get(i).meanAbsContribution());
    }
  }
}
