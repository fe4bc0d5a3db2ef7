package dev.leadscore.model;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.LeadScorerContract;
import dev.leadscore.model.internal.Scores;
import java.time.Instant;
import java.util.List;

/** A trained model's scorer keeps the {@link LeadScorer} contract. */
class TrainedModelScorerContractTest extends LeadScorerContract {
  private static final SyntheticData DATA = SyntheticPipeline.builder().size(400).seed(19).build().generate();
  private static final TrainedModel MODEL = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), DATA.leads(),
      DATA.asOf(), TrainingOptions.builder().lambdas(0.1, 10).folds(3).seed(2).createdAt(DATA.asOf()).build());
  private static final ModelScorer SCORER = ModelScorer.of(MODEL);

  @Override
  protected LeadScorer scorer() {
    return SCORER;
  }

  @Override
  protected List<Lead> leads() {
    return DATA.leads().stream().map(LabelledLead::lead).limit(60).toList();
  }

  @Override
  protected Instant asOf() {
    return DATA.asOf();
  }

  @Override
  protected Lead badLead() {
    return Lead.builder("bad-size").text("company_size", "lots").build();
  }

  @Override
  protected String badField() {
    return "company_size";
  }

  @Override
  protected double independentTotal(Lead lead) {
    return MODEL.logit(MODEL.schema().extract(lead, asOf()));
  }

  @Override
  protected double scoreOfTotal(double total) {
    return Scores.of(MODEL.calibrator().probability(total));
  }
}
