package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Score;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.explain.LinearShap;
import dev.leadscore.model.ModelArtifact;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.model.internal.Scores;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A trained model, and the same model saved and loaded, give the host one LeadScorer. */
class TrainedModelScorerTest {
  private static SyntheticData data;
  private static TrainedModel trained;

  @BeforeAll
  static void train() {
    data = SyntheticPipeline.builder().size(400).seed(11).build().generate();
    TrainingOptions options = TrainingOptions.builder().lambdas(0.1, 10, 100).folds(3).seed(5)
        .createdAt(Instant.parse("2026-01-02T00:00:00Z")).build();
    trained = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), data.leads(), data.asOf(), options);
  }

  @Test
  void scorerAgreesBitForBitWithTheTrainedModelAndItsArtifact() {
    ModelScorer direct = ModelScorer.of(trained);
    ModelScorer loaded = ModelScorer.of(ModelArtifact.read(ModelArtifact.write(trained)));
    FittedSchema schema = trained.schema();
    for (LabelledLead l : data.leads()) {
      double[] x = schema.extract(l.lead(), data.asOf());
      Score a = direct.score(l.lead(), data.asOf(), LeadScorer.Detail.SCORE_ONLY);
      Score b = loaded.score(l.lead(), data.asOf(), LeadScorer.Detail.SCORE_ONLY);
      // independent of the scorer: the trained model's own parts, composed here
      double expected = Scores.of(trained.calibrator().probability(trained.logit(x)));
      assertEquals(expected, a.score(), 0.0, l.lead().id());
      assertEquals(trained.cutoffs().tierOf(expected), a.tier());
      assertEquals(expected, direct.scoreOf(x), 0.0, l.lead().id() + ": scoreOf");
      assertEquals(a.tier(), direct.tierOf(x));
      assertEquals(a, b, "save -> load -> score is bit-identical");
    }
  }

  /**
   * The scoring logit is exact across every route a host can take to it: the trained model, the
   * same model saved and loaded, and the scorers of both. (It is not bit-identical to the solver's
   * standardised logit, only equal to rounding; the model module tests that.) The linear function
   * the explanations attribute is the same model in extraction units, equal to rounding.
   */
  @Test
  void logitsAndProbabilitiesAreBitIdenticalAcrossTrainedLoadedAndLinearViews() {
    TrainedModel loaded = ModelArtifact.read(ModelArtifact.write(trained));
    LinearModel linear = ModelScorer.of(trained).model();
    LinearModel linearLoaded = ModelScorer.of(loaded).model();
    ModelScorer direct = ModelScorer.of(trained);
    ModelScorer fromLoaded = ModelScorer.of(loaded);
    for (LabelledLead l : data.leads()) {
      double[] x = trained.schema().extract(l.lead(), data.asOf());
      long logit = Double.doubleToRawLongBits(trained.logit(x));
      assertEquals(logit, Double.doubleToRawLongBits(loaded.logit(x)), l.lead().id() + ": loaded");
      assertEquals(logit, Double.doubleToRawLongBits(direct.logit(x)), l.lead().id() + ": scorer");
      assertEquals(logit, Double.doubleToRawLongBits(fromLoaded.logit(x)), l.lead().id() + ": scorer of loaded");
      assertEquals(trained.logit(x), linear.logit(x), LinearShap.ADDITIVITY_TOLERANCE, l.lead().id() + ": linear view");
      assertEquals(Double.doubleToRawLongBits(linear.logit(x)), Double.doubleToRawLongBits(linearLoaded.logit(x)),
          l.lead().id() + ": linear view of loaded");
      long p = Double.doubleToRawLongBits(direct.probabilityOf(x));
      for (ModelScorer s : new ModelScorer[] {direct, fromLoaded}) {
        Score score = s.score(l.lead(), data.asOf(), LeadScorer.Detail.SCORE_ONLY);
        assertEquals(p, Double.doubleToRawLongBits(score.probability()), l.lead().id());
        assertEquals(Double.doubleToRawLongBits(direct.scoreOf(x)), Double.doubleToRawLongBits(score.score()),
            l.lead().id());
      }
    }
  }

  /** Single-lead scoring reuses per-thread buffers; nothing may carry over from one lead to the next. */
  @Test
  void scoringOneByOneEqualsTheBatch() {
    ModelScorer scorer = ModelScorer.of(trained);
    List<Lead> leads = data.leads().stream().map(LabelledLead::lead).limit(120).toList();
    for (LeadScorer.Detail detail : LeadScorer.Detail.values()) {
      List<Score> batch = scorer.scoreAll(leads, data.asOf(), detail).scores();
      for (int i = leads.size() - 1; i >= 0; i--) { // reverse order: the buffers last held another lead
        assertEquals(batch.get(i), scorer.score(leads.get(i), data.asOf(), detail), leads.get(i).id() + " " + detail);
      }
    }
  }

  @Test
  void explanationsAddUpToTheModelsLogit() {
    ModelScorer scorer = ModelScorer.of(trained);
    for (LabelledLead l : data.leads().subList(0, 50)) {
      Score s = scorer.score(l.lead(), data.asOf());
      Explanation e = s.explanation().orElseThrow();
      double logit = trained.logit(trained.schema().extract(l.lead(), data.asOf()));
      assertEquals(logit, e.total(), 1e-9, l.lead().id());
      assertEquals(Explanation.LOG_ODDS, e.unit());
      assertTrue(e.topReasons().size() <= 3 && e.risks().size() <= 3);
    }
  }
}
