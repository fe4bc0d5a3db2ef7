package dev.leadscore.model.hardening;

import dev.leadscore.core.hardening.Schemas;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import java.time.Instant;

/**
 * Models trained once per test JVM and shared by the explain hardening tests: a few lambdas and
 * three folds on 600 synthetic leads, so training takes about a second.
 */
final class Models {
  private Models() {}

  private static SyntheticData data;
  private static TrainedModel defaultModel;
  private static TrainedModel smallModel;

  static synchronized SyntheticData data() {
    if (data == null) {
      data = SyntheticPipeline.builder().size(600).seed(3).build().generate();
    }
    return data;
  }

  static TrainingOptions options() {
    return TrainingOptions.builder().lambdas(1, 10).folds(3).seed(5).threads(2)
        .createdAt(Instant.parse("2026-01-02T00:00:00Z")).build();
  }

  /** The synthetic default schema (70-odd columns), trained. */
  static synchronized TrainedModel defaultModel() {
    if (defaultModel == null) {
      defaultModel = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), data().leads(), data().asOf(), options());
    }
    return defaultModel;
  }

  /** {@link Schemas#small()}, trained: a small artifact to fuzz. */
  static synchronized TrainedModel smallModel() {
    if (smallModel == null) {
      smallModel = new ModelTrainer().train(Schemas.small(), data().leads(), data().asOf(), options());
    }
    return smallModel;
  }
}
