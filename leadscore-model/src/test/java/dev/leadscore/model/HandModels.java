package dev.leadscore.model;

import dev.leadscore.explain.testing.DemoModel;

/** Scorers of the explain module's hand-built demo model, for the scorer tests. */
public final class HandModels {
  private HandModels() {}

  /** The demo model (explain's {@link DemoModel}) scored with the plain logistic function and its cut-offs. */
  public static ModelScorer demoScorer() {
    return ModelScorer.of("demo-model", "7", DemoModel.model(), DemoModel.CUTOFFS);
  }
}
