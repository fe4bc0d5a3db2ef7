package dev.leadscore.rules.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.hardening.ConcurrentScoring;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link RuleScorer} shared by 8 threads: every thread scores all 12,500 synthetic leads
 * ({@code leadscore.stress.passes} times, default once: 100,000 concurrent scorings), mixing
 * explained, score-only and batch calls, and every score, explanation included, equals the one
 * computed sequentially by another scorer. The shared scorer has scored nothing before the
 * threads start, so its schema's caches fill under contention.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RuleScorerConcurrencyTest {
  @Test
  void sharedRuleScorerGivesExactlyTheSequentialScores() throws InterruptedException {
    SyntheticData train = SyntheticPipeline.builder().size(300).seed(3).build().generate();
    FittedSchema schema = SyntheticPipeline.defaultSchema().fit(train.leads().stream().map(LabelledLead::lead).toList());
    RuleScorer reference = RuleScorer.of(RuleSet.syntheticDefault(), schema);
    // On a fresh copy of the schema: the reference pass fills only the original's text memos, so
    // this scorer's memos are empty when the threads start and fill concurrently.
    RuleScorer scorer = RuleScorer.of(RuleSet.syntheticDefault(), FittedSchema.fromJson(schema.toJson()));
    SyntheticData data = SyntheticPipeline.builder().size(12_500).seed(4).build().generate();
    List<Lead> leads = data.unlabelled();
    ConcurrentScoring.Report r = ConcurrentScoring.run(reference, scorer, leads, data.asOf(), 8, ConcurrentScoring.passes(),
        Duration.ofSeconds(150));
    System.out.println(r.summary("RuleScorer shared by 8 threads"));
    assertEquals(0, r.mismatches(), r.firstMismatch());
    assertEquals(8L * leads.size() * ConcurrentScoring.passes(), r.scorings());
  }
}
