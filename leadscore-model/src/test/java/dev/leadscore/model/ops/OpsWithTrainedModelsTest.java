package dev.leadscore.model.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.ops.AccountReason;
import dev.leadscore.core.ops.AccountRollup;
import dev.leadscore.core.ops.AccountRollupResult;
import dev.leadscore.core.ops.AccountScore;
import dev.leadscore.core.ops.Arm;
import dev.leadscore.core.ops.Experiment;
import dev.leadscore.core.ops.ExperimentBatch;
import dev.leadscore.core.ops.ExperimentOutcome;
import dev.leadscore.core.ops.ExperimentResult;
import dev.leadscore.core.ops.ExperimentScore;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainingOptions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Champion/challenger and account roll-up over real scorers: two logistic models trained on the
 * synthetic pipeline (different regularisation), with their real SHAP explanations.
 */
class OpsWithTrainedModelsTest {
  private static SyntheticData data;
  private static List<Lead> leads;
  private static ModelScorer champion;
  private static ModelScorer challenger;
  private static Experiment experiment;

  @BeforeAll
  static void train() {
    data = SyntheticPipeline.builder().size(600).seed(23).build().generate();
    leads = data.unlabelled();
    Instant created = Instant.parse("2026-01-02T00:00:00Z");
    champion = ModelScorer.of(new ModelTrainer().train(SyntheticPipeline.defaultSchema(), data.leads(), data.asOf(),
        TrainingOptions.builder().lambdas(100).folds(3).seed(1).createdAt(created).build()));
    challenger = ModelScorer.of(new ModelTrainer().train(SyntheticPipeline.defaultSchema(), data.leads(), data.asOf(),
        TrainingOptions.builder().lambdas(0.1).folds(3).seed(2).createdAt(created).build()));
    experiment = Experiment.builder("regularisation").champion(champion).challenger(challenger).salt("synthetic-2026")
        .challengerShare(0.3).build();
  }

  @Test
  void decisionsAreTheAssignedArmsOwnScoresBitForBit() {
    ExperimentBatch batch = experiment.scoreAll(leads, data.asOf(), Detail.EXPLAINED);
    assertEquals(leads.size(), batch.scores().size() + batch.errors().size());
    Map<String, Lead> byId = new HashMap<>();
    leads.forEach(l -> byId.put(l.id(), l));
    int challengers = 0;
    for (ExperimentScore s : batch.scores()) {
      Lead lead = byId.get(s.leadId());
      Score champ = champion.score(lead, data.asOf(), Detail.EXPLAINED);
      Score chall = challenger.score(lead, data.asOf(), Detail.EXPLAINED);
      assertEquals(s.arm() == Arm.CHAMPION ? champ : chall, s.decision());
      assertEquals(s.arm() == Arm.CHAMPION ? chall : champ, s.shadow().orElseThrow());
      assertEquals(experiment.arm(lead.id()), s.arm());
      challengers += s.arm() == Arm.CHALLENGER ? 1 : 0;
    }
    double sd = Math.sqrt(leads.size() * 0.3 * 0.7);
    assertTrue(Math.abs(challengers - 0.3 * leads.size()) < 5 * sd, "challenger arm size " + challengers);
  }

  @Test
  void evaluationCountsEveryLeadWithAKnownOutcomeOnce() {
    List<ExperimentOutcome> outcomes = new ArrayList<>();
    int conversions = 0;
    for (LabelledLead l : data.leads()) {
      ExperimentScore s = experiment.score(l.lead(), data.asOf(), Detail.SCORE_ONLY);
      outcomes.add(ExperimentOutcome.of(s, l.converted()));
      conversions += l.converted() ? 1 : 0;
    }
    ExperimentResult r = experiment.evaluate(outcomes);
    assertEquals(data.size(), r.champion().leads() + r.challenger().leads());
    assertEquals(conversions, r.champion().conversions() + r.challenger().conversions());
    assertTrue(r.champion().topTierLeads() > 0 && r.challenger().topTierLeads() > 0, r.summary());
    assertTrue(r.pValue() >= 0 && r.pValue() <= 1, r.summary());
    assertTrue(r.lower() <= r.difference() && r.difference() <= r.upper());

    // A/A: the champion against itself. Same scorer, random halves; the counts still add up.
    Experiment aa = Experiment.builder("a/a").champion(champion).challenger(champion).salt("aa").build();
    List<ExperimentOutcome> aaOutcomes = new ArrayList<>();
    for (LabelledLead l : data.leads()) {
      aaOutcomes.add(ExperimentOutcome.of(aa.score(l.lead(), data.asOf(), Detail.SCORE_ONLY), l.converted()));
    }
    ExperimentResult aaResult = aa.evaluate(aaOutcomes, Experiment.DEFAULT_TOP_TIERS, 0.99);
    assertEquals(data.size(), aaResult.champion().leads() + aaResult.challenger().leads());
  }

  @Test
  void oneExperimentSharedByEightThreadsGivesTheSequentialResults() throws Exception {
    List<ExperimentScore> sequential = experiment.scoreAll(leads, data.asOf(), Detail.EXPLAINED).scores();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<List<ExperimentScore>>> futures = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        futures.add(pool.submit(() -> experiment.scoreAll(leads, data.asOf(), Detail.EXPLAINED).scores()));
      }
      for (Future<List<ExperimentScore>> f : futures) {
        assertEquals(sequential, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void accountsByEmailDomainCarryTheLeadsOwnReasons() {
    AccountRollup rollup = AccountRollup.byEmailDomain("email")
        .exclude(List.of("gmail.com", "yahoo.com", "hotmail.com", "outlook.com", "aol.com")).build();
    AccountRollupResult r = rollup.rollUp(leads, champion, data.asOf());
    assertEquals(leads.size(), r.assignedLeads() + r.unassigned().size(), "count in = accounts' leads + unassigned");
    assertTrue(r.accounts().stream().anyMatch(a -> a.leadCount() > 1), "some accounts have several contacts");
    assertTrue(r.unassigned().stream().anyMatch(e -> e.message().contains("is excluded")), "free mail is reported");

    Map<String, Score> scores = new HashMap<>();
    for (Lead l : leads) {
      scores.put(l.id(), champion.score(l, data.asOf(), Detail.EXPLAINED));
    }
    for (AccountScore a : r.accounts()) {
      double none = 1;
      int engaged = 0;
      for (Score s : a.leadScores()) {
        assertEquals(scores.get(s.leadId()), s);
        none *= 1 - s.probability();
        engaged += s.tier() == Tier.HOT || s.tier() == Tier.WARM ? 1 : 0;
      }
      assertEquals(1 - none, a.probability(), 1e-12);
      assertEquals(engaged, a.engagedContacts());
      assertEquals(rollup.cutoffs().tierOf(a.score()), a.tier());
      for (AccountReason reason : a.topReasons()) {
        assertEquals(Explanation.LOG_ODDS, reason.unit());
        double sum = 0;
        for (Score s : a.leadScores()) {
          for (Reason x : s.explanation().orElseThrow().contributions()) {
            if (x.feature().equals(reason.feature()) && x.contribution() > 0) {
              sum += x.contribution();
            }
          }
        }
        assertEquals(sum, reason.contribution(), 1e-12, reason.toString());
        Reason said = scores.get(reason.leadId()).explanation().orElseThrow().contributions().stream()
            .filter(x -> x.feature().equals(reason.feature())).findFirst().orElseThrow();
        assertEquals(said.text(), reason.text(), "the sentence is the best lead's own");
      }
    }
  }
}
