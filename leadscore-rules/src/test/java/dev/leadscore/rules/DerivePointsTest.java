package dev.leadscore.rules;

import static dev.leadscore.rules.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Points derived from history: univariate smoothed log-odds per slot. */
class DerivePointsTest {
  private static final FittedSchema SCHEMA = Fixtures.fitted();

  @Test
  void handComputedSmoothedLogOdds() {
    RuleSet template = RuleSet.of("t", 4,
        Rule.Flag.of("dm", "decision_maker", 1, 0),
        Rule.Events.of("pricing", "pricing_page_visit", 1, Decay.none(), 30, 3),
        Rule.Levels.of("seniority", "job_title", Map.of("vp", 1.0)),
        Rule.Bonus.of("dm_pricing", 1.5, "DM on pricing", "dm", "pricing")).withScale(new RuleSet.Scale(0, 10));
    List<LabelledLead> data = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      boolean dm = i < 10;
      boolean converted = dm ? i < 8 : i < 12; // 8 of 10 decision makers, 2 of 10 others: p = 0.5
      Lead.Builder b = Lead.builder("d" + i).bool("decision_maker", dm);
      if (i < 5) {
        b.event("pricing_page_visit", AS_OF); // five leads, all converted, one fresh visit each
      }
      data.add(new LabelledLead(b.build(), converted));
    }
    RuleSet derived = template.derivePoints(SCHEMA, data, AS_OF, 10);
    // yes: logit((8 + 10·0.5) / (10 + 10)) - logit(0.5) = logit(0.65) = 0.619 -> 6.2 points; no: -6.2.
    assertEquals(Rule.Flag.of("dm", "decision_maker", 6.2, -6.2), derived.rule("dm"));
    // five active leads, all converted, mean counted weight 1: logit(10/15) = ln 2 -> 6.9 points per event.
    assertEquals(6.9, ((Rule.Events) derived.rule("pricing")).pointsPerEvent());
    // nobody is a VP: no evidence, no points.
    assertEquals(Map.of("vp", 0.0), ((Rule.Levels) derived.rule("seniority")).points());
    assertEquals(1.5, ((Rule.Bonus) derived.rule("dm_pricing")).multiplier(), "5 leads earn the bonus: too few to derive it");
    assertEquals(5, derived.version());
    assertTrue(derived.scale().isEmpty(), "a declared scale no longer fits derived points");
    assertTrue(derived.description().startsWith("Points derived from 20 labelled leads (10 converted)"), derived.description());
    assertThrows(IllegalArgumentException.class, () -> template.derivePoints(SCHEMA, data.subList(0, 2), AS_OF, 10),
        "two converted leads only");
    assertThrows(IllegalArgumentException.class, () -> template.derivePoints(SCHEMA, data, AS_OF, 0));
  }

  @Test
  void derivedDefaultRulesKeepTheirStructureAndSignsAndRankHeldOutLeads() {
    SyntheticData data = SyntheticPipeline.builder().size(3000).seed(7).build().generate();
    List<LabelledLead> train = data.leads().subList(0, 2000);
    List<LabelledLead> test = data.leads().subList(2000, 3000);
    FittedSchema fitted = SyntheticPipeline.defaultSchema().fit(train.stream().map(LabelledLead::lead).toList());
    RuleSet template = RuleSet.syntheticDefault();
    RuleSet derived = template.derivePoints(fitted, train, data.asOf(), 10);
    assertEquals(template.rules().size(), derived.rules().size());
    for (int i = 0; i < template.rules().size(); i++) {
      Rule a = template.rules().get(i);
      Rule b = derived.rules().get(i);
      assertEquals(a.id(), b.id());
      assertEquals(a.kind(), b.kind());
      if (a instanceof Rule.Levels la) {
        assertEquals(la.points().keySet(), ((Rule.Levels) b).points().keySet());
      }
    }
    assertTrue(((Rule.Events) derived.rule("demo_request")).pointsPerEvent() > 5);
    assertTrue(((Rule.Events) derived.rule("unsubscribed")).pointsPerEvent() < 0);
    assertTrue(((Rule.Levels) derived.rule("email_domain")).points().get("competitor") < 0);
    RuleScorer scorer = RuleScorer.of(derived, fitted);
    double[] s = new double[test.size()];
    boolean[] y = new boolean[test.size()];
    for (int i = 0; i < s.length; i++) {
      s[i] = scorer.evaluate(test.get(i).lead(), data.asOf(), Detail.SCORE_ONLY).points();
      y[i] = test.get(i).converted();
    }
    assertTrue(Auc.of(s, y) > 0.75, "held-out AUC of derived points " + Auc.of(s, y));
    assertEquals(derived, RuleSet.fromJson(derived.toJson()));
  }

  /** An event a few nanoseconds after asOf counts neither when scoring nor when deriving points. */
  @Test
  void eventsAfterAsOfInsideItsMillisecondDoNotCountWhenDeriving() {
    RuleSet template = RuleSet.of("t", 4, Rule.Events.of("pricing", "pricing_page_visit", 1, Decay.none(), 30, 3))
        .withScale(new RuleSet.Scale(0, 10));
    List<LabelledLead> plain = new ArrayList<>();
    List<LabelledLead> withLate = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      Lead.Builder b = Lead.builder("d" + i);
      if (i < 5) {
        b.event("pricing_page_visit", AS_OF.minusSeconds(3600));
      }
      boolean converted = i < 8;
      plain.add(new LabelledLead(b.build(), converted));
      if (i >= 5 && i < 12) {
        b.event("pricing_page_visit", AS_OF.plusNanos(300)); // after asOf, same millisecond
      }
      withLate.add(new LabelledLead(b.build(), converted));
    }
    assertEquals(template.derivePoints(SCHEMA, plain, AS_OF, 10), template.derivePoints(SCHEMA, withLate, AS_OF, 10));
  }
}
