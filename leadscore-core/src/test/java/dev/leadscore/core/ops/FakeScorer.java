package dev.leadscore.core.ops;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.TierCutoffs;
import java.time.Instant;
import java.util.List;

/**
 * A scorer whose numbers are written on the lead: probability = the number attribute {@code p}
 * times {@code factor} (capped at 1), tier by 80/60/30 on 100·p. A lead whose text attribute
 * {@code fail} is this scorer's id or {@code all} raises {@link LeadDataException}. With EXPLAINED
 * the explanation has one reason per number attribute named {@code r_*} (contribution = value).
 */
final class FakeScorer implements LeadScorer {
  static final TierCutoffs CUTOFFS = TierCutoffs.of(80, 60, 30);
  private final String id;
  private final double factor;

  FakeScorer(String id, double factor) {
    this.id = id;
    this.factor = factor;
  }

  @Override
  public Score score(Lead lead, Instant asOf, Detail detail) {
    String fail = lead.attribute("fail").display();
    if (fail.equals(id) || fail.equals("all")) {
      throw new LeadDataException(lead.id(), "fail", "scorer " + id + " refuses this lead");
    }
    double p = Math.min(1.0, ((dev.leadscore.core.AttributeValue.Num) lead.attribute("p")).value() * factor);
    Explanation e = null;
    if (detail == Detail.EXPLAINED) {
      List<Reason> reasons = lead.attributes().entrySet().stream().filter(x -> x.getKey().startsWith("r_"))
          .map(x -> new Reason(x.getKey(), "behavioral", ((dev.leadscore.core.AttributeValue.Num) x.getValue()).value(),
              x.getKey() + " said so by " + lead.id(), x.getValue().display()))
          .toList();
      e = Explanation.of(Explanation.LOG_ODDS, 0.0, reasons);
    }
    return Score.of(lead.id(), p, 100 * p, CUTOFFS.tierOf(100 * p), e, id, "1", asOf);
  }

  @Override
  public String modelId() {
    return id;
  }

  @Override
  public String modelVersion() {
    return "1";
  }

  static Lead lead(String id, double p) {
    return Lead.builder(id).number("p", p).build();
  }
}
