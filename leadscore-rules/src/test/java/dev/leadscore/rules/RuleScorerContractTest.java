package dev.leadscore.rules;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.LeadScorerContract;
import java.time.Instant;
import java.util.List;

/** The default rule set on synthetic leads keeps the {@link LeadScorer} contract. */
class RuleScorerContractTest extends LeadScorerContract {
  private static final SyntheticData DATA = SyntheticPipeline.builder().size(120).seed(7).build().generate();
  private static final FittedSchema SCHEMA = SyntheticPipeline.defaultSchema().fit(DATA.unlabelled());
  private static final RuleScorer SCORER = RuleScorer.of(RuleSet.syntheticDefault(), SCHEMA);

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
    return SCORER.evaluate(lead, asOf(), LeadScorer.Detail.SCORE_ONLY).points();
  }

  @Override
  protected double scoreOfTotal(double total) {
    return SCORER.totalRange().normalise(total);
  }
}
