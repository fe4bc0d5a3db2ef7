package dev.leadscore.model;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.testing.LeadScorerContract;
import dev.leadscore.explain.testing.DemoModel;
import dev.leadscore.model.calibration.Calibrator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A scorer of hand-written weights (explain's demo model) keeps the {@link LeadScorer} contract. */
class HandBuiltScorerContractTest extends LeadScorerContract {
  private static final ModelScorer SCORER = HandModels.demoScorer();

  @Override
  protected LeadScorer scorer() {
    return SCORER;
  }

  @Override
  protected List<Lead> leads() {
    List<Lead> leads = new ArrayList<>(DemoModel.background());
    String[] industries = {"software", "retail", "health", null};
    for (int i = 0; i < 40; i++) {
      leads.add(DemoModel.lead("L" + i, i % 4, i % 3 == 0 ? 1 : 0, i % 5 == 0 ? -1 : 10 + 37 * i,
          industries[i % industries.length], i % 7 == 0, i % 6));
    }
    return leads;
  }

  @Override
  protected Instant asOf() {
    return DemoModel.AS_OF;
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
    return DemoModel.model().logit(DemoModel.fitted().extract(lead, asOf()));
  }

  @Override
  protected double scoreOfTotal(double total) {
    return 100 * Calibrator.identity().probability(total);
  }
}
