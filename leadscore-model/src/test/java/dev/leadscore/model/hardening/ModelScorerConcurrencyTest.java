package dev.leadscore.model.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.Lead;
import dev.leadscore.core.hardening.ConcurrentScoring;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelScorer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link ModelScorer} of a trained model shared by 8 threads: every thread scores all 12,500
 * synthetic leads ({@code leadscore.stress.passes} times, default once: 100,000 concurrent
 * scorings), mixing explained, score-only and batch calls, and every score, explanation
 * included, equals the sequential one (computed by another load of the same artifact). The scorer
 * is built from the artifact read back, so the loaded form is what is shared, and it has scored
 * nothing before the threads start, so its caches fill under contention.
 */
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class ModelScorerConcurrencyTest {
  @Test
  void sharedModelScorerGivesExactlyTheSequentialScores() throws InterruptedException {
    String artifact = ModelArtifact.write(Models.defaultModel());
    ModelScorer reference = ModelScorer.of(ModelArtifact.read(artifact));
    // A second load: its schema's text memos are empty when the threads start, so they fill
    // concurrently.
    ModelScorer scorer = ModelScorer.of(ModelArtifact.read(artifact));
    SyntheticData data = SyntheticPipeline.builder().size(12_500).seed(4).build().generate();
    List<Lead> leads = data.unlabelled();
    ConcurrentScoring.Report r = ConcurrentScoring.run(reference, scorer, leads, data.asOf(), 8, ConcurrentScoring.passes(),
        Duration.ofSeconds(150));
    System.out.println(r.summary("ModelScorer (trained, loaded) shared by 8 threads"));
    assertEquals(0, r.mismatches(), r.firstMismatch());
    assertEquals(8L * leads.size() * ConcurrentScoring.passes(), r.scorings());
  }
}
