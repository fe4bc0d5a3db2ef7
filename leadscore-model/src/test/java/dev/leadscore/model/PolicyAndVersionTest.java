package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Disqualifier;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Policy;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores carry a version unique to the artifact and the asOf; a model's policy travels in its artifact. */
class PolicyAndVersionTest {
  private static TrainedModel train(long seed) {
    SyntheticData d = SyntheticPipeline.builder().size(300).seed(seed).build().generate();
    return new ModelTrainer().train(SyntheticPipeline.defaultSchema(), d.leads(), d.asOf(),
        TrainingOptions.builder().folds(3).threads(1).createdAt(Instant.parse("2026-01-01T00:00:00Z")).build());
  }

  private static final TrainedModel A = train(11);
  private static final Policy COMPETITOR = Policy.of(List.of(Disqualifier.fromFields(Map.of("feature", "email_domain",
      "when", "competitor", "action", "suppress", "reason", "Works for a competitor"))));

  @Test
  void versionsTellArtifactsApartAndSurviveSaving() {
    TrainedModel b = train(12);
    assertEquals(A.modelId(), b.modelId());
    assertEquals(A.modelVersion(), b.modelVersion(), "the same declared version and creation time");
    assertNotEquals(A.artifactVersion(), b.artifactVersion(), "trained on other data");
    assertTrue(A.artifactVersion().matches(A.modelVersion() + "\\+[0-9a-f]{12}"), A.artifactVersion());
    TrainedModel loaded = ModelArtifact.read(ModelArtifact.write(A));
    assertEquals(A.artifactVersion(), loaded.artifactVersion());
    assertNotEquals(A.artifactVersion(), A.withPolicy(COMPETITOR).artifactVersion(), "the policy is content");
    Lead lead = SyntheticPipeline.builder().size(100).seed(3).build().generate().leads().get(0).lead();
    Instant asOf = Instant.parse("2026-02-01T00:00:00Z");
    Score s = ModelScorer.of(A).score(lead, asOf, Detail.SCORE_ONLY);
    assertEquals(A.artifactVersion(), s.modelVersion());
    assertEquals(asOf, s.asOf());
  }

  @Test
  void anEmbeddedPolicySuppressesWhateverTheScoreWithTheOverrideFirst() {
    TrainedModel withPolicy = ModelArtifact.read(ModelArtifact.write(A.withPolicy(COMPETITOR)));
    assertEquals(COMPETITOR, withPolicy.policy());
    ModelScorer scorer = ModelScorer.of(withPolicy);
    ModelScorer plain = ModelScorer.of(A);
    SyntheticData fresh = SyntheticPipeline.builder().size(400).seed(5).build().generate();
    int competitors = 0;
    for (LabelledLead l : fresh.leads()) {
      Score s = scorer.score(l.lead(), fresh.asOf(), Detail.EXPLAINED);
      Score p = plain.score(l.lead(), fresh.asOf(), Detail.EXPLAINED);
      assertEquals(p.score(), s.score(), "the score itself is not overridden");
      Explanation e = s.explanation().orElseThrow();
      if ("competitor".equals(scorer.model().schema().displayValue(l.lead(), fresh.asOf(),
          scorer.model().schema().featureIndex("email_domain"), scorer.model().schema().extract(l.lead(), fresh.asOf())))) {
        competitors++;
        assertEquals(Tier.SUPPRESS, s.tier());
        Reason first = e.topReasons().get(0);
        assertEquals(Reason.Direction.OVERRIDES, first.direction());
        assertEquals("Works for a competitor", first.text());
        assertEquals(Tier.SUPPRESS, scorer.score(l.lead(), fresh.asOf(), Detail.SCORE_ONLY).tier());
      } else {
        assertEquals(p.tier(), s.tier());
        assertTrue(e.override().isEmpty());
      }
      assertEquals(p.explanation().orElseThrow().total(), e.total(), 0.0, "the attribution is unchanged");
    }
    assertTrue(competitors > 0, "the synthetic pipeline has competitor leads");
  }

  @Test
  void aPolicyThatDoesNotFitTheSchemaIsRejectedNamingIt() {
    Policy wrong = Policy.of(List.of(Disqualifier.fromFields(Map.of("feature", "email_domain", "when", "rival",
        "action", "cap", "tier", "nurture", "reason", "x"))));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> A.withPolicy(wrong));
    assertTrue(e.getMessage().contains("email_domain") && e.getMessage().contains("rival"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Disqualifier.fromFields(Map.of("feature", "f", "when", "x",
        "action", "drop", "reason", "r")));
  }
}
