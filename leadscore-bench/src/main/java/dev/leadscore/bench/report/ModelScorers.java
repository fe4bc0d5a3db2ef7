package dev.leadscore.bench.report;

import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.explain.ModelScorer;
import dev.leadscore.model.TrainedModel;

/** Turns a trained model into the {@link ModelScorer} a host calls. Stateless. */
public final class ModelScorers {
  private ModelScorers() {}

  /**
   * The scorer of a trained model: the same logit bit for bit, its calibrator, its cut-offs, and
   * explanations against the training means.
   */
  public static ModelScorer of(TrainedModel t) {
    LinearModel lm = LinearModel.fromStandardised(t.schema(), t.intercept(), t.weights(), t.means(), t.scales(),
        Background.ofMeans(t.schema(), t.background().columnMeans()));
    return ModelScorer.of(t.modelId(), t.modelVersion(), lm, t.calibrator()::probability, t.cutoffs());
  }
}
