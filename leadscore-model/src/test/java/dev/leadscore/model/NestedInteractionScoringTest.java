package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Score;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.InteractionFeature;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.monitor.Monitor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A schema whose interaction has another interaction as a parent trains and scores; only its
 * exact explanation is refused (linear SHAP splits products of two feature columns), with a
 * message that says why. The scorer builds its explainer on the first explanation, so scoring
 * and monitoring such a model work.
 */
class NestedInteractionScoringTest {
  @Test
  void aModelWithAnInteractionOfInteractionsScoresAndMonitorsButRefusesToExplain() {
    FeatureSchema base = SyntheticPipeline.defaultSchema();
    List<FeatureSpec> features = new ArrayList<>(base.features());
    features.add(new InteractionFeature(FeatureInfo.of("dm_pricing_x_size", "behavioral"), "dm_x_pricing", "company_size"));
    FeatureSchema schema = FeatureSchema.of(base.name() + "-nested", base.version(), features);
    SyntheticData data = SyntheticPipeline.builder().size(300).seed(5).build().generate();
    TrainedModel model = new ModelTrainer().train(schema, data.leads(), data.asOf(),
        TrainingOptions.builder().lambdas(1, 10).folds(3).seed(1).createdAt(data.asOf()).build());
    ModelScorer scorer = ModelScorer.of(model);
    Lead lead = data.leads().get(0).lead();
    Score s = scorer.score(lead, data.asOf(), Detail.SCORE_ONLY);
    assertFalse(s.explanation().isPresent());
    double expected = scorer.probability(model.logit(model.schema().extract(lead, data.asOf())));
    assertEquals(expected, s.probability(), 0.0);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> scorer.score(lead, data.asOf(), Detail.EXPLAINED));
    assertTrue(e.getMessage().contains("dm_pricing_x_size") && e.getMessage().contains("dm_x_pricing"), e.getMessage());
    List<Lead> batch = data.leads().stream().map(LabelledLead::lead).limit(50).toList();
    assertEquals(50, Monitor.of(model).check(batch, data.asOf()).rowsUsed());
  }
}
