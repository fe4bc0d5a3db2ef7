package dev.leadscore.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FittedSchema;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rule set that does not fit the schema is rejected when the scorer is built, naming the rule. */
class RuleScorerValidationTest {
  private static final FittedSchema SCHEMA = Fixtures.fitted();

  private static String reject(Rule... rules) {
    return assertThrows(RuleSetException.class, () -> RuleScorer.of(RuleSet.of("t", 1, rules), SCHEMA)).getMessage();
  }

  private static void assertStarts(String start, String message) {
    assertTrue(message.startsWith(start), "expected a message starting\n  " + start + "\nbut got\n  " + message);
  }

  @Test
  void unknownFeature() {
    assertStarts("rule 'size': feature 'employees' is not in schema 'rules-test'; its features are [job_title,",
        reject(Rule.Bands.of("size", "employees", new Rule.Band(1, 2, 3))));
  }

  @Test
  void unknownEventType() {
    assertStarts("rule 'demo': event type 'demo_request' is not read by schema 'rules-test'; it reads [pricing_page_visit,",
        reject(Rule.Events.of("demo", "demo_request", 20, Decay.none(), 30, 1)));
  }

  @Test
  void featureOfTheWrongKind() {
    assertEquals("rule 'size': feature 'company_size' is a numeric feature; a levels rule needs a titleSeniority,"
        + " emailDomain or categorical feature (one-hot levels)", reject(Rule.Levels.of("size", "company_size", Map.of("big", 1.0))));
    assertEquals("rule 'dm': feature 'job_title' is a titleSeniority feature; a boolean rule needs a boolean feature",
        reject(Rule.Flag.of("dm", "job_title", 1, 0)));
    assertEquals("rule 'b': feature 'decision_maker' is a boolean feature; a bands rule needs a numeric, ordinal, recency or eventCount feature",
        reject(Rule.Bands.of("b", "decision_maker", new Rule.Band(0, 1, 1))));
  }

  @Test
  void unknownOrMissingLevel() {
    assertEquals("rule 'sen': level 'intern' is not a level of feature 'job_title'; its levels are [c_level, vp, director,"
        + " manager, individual_contributor, unknown]", reject(Rule.Levels.of("sen", "job_title", Map.of("intern", 1.0))));
    assertStarts("rule 'sen': level 'unknown' of feature 'job_title' means the value is missing, and a missing value scores 0",
        reject(Rule.Levels.of("sen", "job_title", Map.of("unknown", -5.0))));
    assertStarts("rule 'ind': level 'missing' of feature 'industry' means the value is missing",
        reject(Rule.Levels.of("ind", "industry", Map.of("missing", -5.0))));
    assertStarts("rule 'c': level 'missing' of feature 'country' means the value is missing",
        reject(Rule.Levels.of("c", "country", Map.of("missing", -5.0))));
    assertStarts("rule 'ind': level 'mining' is not a level of feature 'industry'; its levels are [software, retail, health care,"
        + " other, missing]", reject(Rule.Levels.of("ind", "industry", Map.of("mining", -5.0))));
  }

  @Test
  void learnedLevelsTheFitDidNotKeepScoreAsOther() {
    // 'fr' was never seen when the schema was fitted: French leads fall into 'other' and score as other.
    RuleScorer s = RuleScorer.of(RuleSet.of("t", 1, Rule.Levels.of("territory", "country",
        Map.of("us", 5.0, "fr", 4.0, "other", -1.0))), SCHEMA);
    assertEquals(-1.0, s.evaluate(dev.leadscore.core.Lead.builder("f").text("country", "FR").build(), Fixtures.AS_OF,
        dev.leadscore.core.LeadScorer.Detail.SCORE_ONLY).points());
  }

  @Test
  void unreachableBands() {
    assertStarts("rule 'budget': band 0 [5.0, 9.0) -> 1.0 can never match: ordinal feature 'budget' only takes the values",
        reject(Rule.Bands.of("budget", "budget", new Rule.Band(5, 9, 1))));
    assertStarts("rule 'size': band 0 [-inf, 1.0) -> 1.0 can never match: feature 'company_size' clips its values to [1.0, 100000.0]",
        reject(Rule.Bands.of("size", "company_size", new Rule.Band(Double.NEGATIVE_INFINITY, 1, 1))));
  }

  @Test
  void unreachableEventBands() {
    assertStarts("rule 'r': band 0 [200.0, +inf) -> 1.0 can never match: recency feature 'days_since_visit' takes values in [0, 180.0] days",
        reject(Rule.Bands.of("r", "days_since_visit", new Rule.Band(200, Double.POSITIVE_INFINITY, 1))));
    assertStarts("rule 'e': band 0 [-inf, 0.0) -> 1.0 can never match: eventCount feature 'email_engagement' takes values in [0, 20.0]",
        reject(Rule.Bands.of("e", "email_engagement", new Rule.Band(Double.NEGATIVE_INFINITY, 0, 1))));
  }

  @Test
  void pointsTooLargeToAddExactly() {
    assertStarts("rule 'p': the rule set can reach more than 2147483648 points in magnitude",
        reject(Rule.Events.of("p", "pricing_page_visit", 1e4, Decay.none(), 30, 1_000_000)));
  }

  @Test
  void structuralChecksOnProgrammaticConstruction() {
    assertThrows(RuleSetException.class, () -> RuleSet.of("t", 1, List.of()));
    assertEquals("rule 'x': event types must not be blank, got [ ]",
        assertThrows(RuleSetException.class, () -> Rule.Events.of("x", " ", 1, Decay.none(), 1, 1)).getMessage());
    assertEquals("rule 'x': multiplier must be finite and > 0, got NaN",
        assertThrows(RuleSetException.class, () -> Rule.Bonus.of("x", Double.NaN, "t", "a", "b")).getMessage());
    assertEquals("rule 'x': a bonus cannot be its own part",
        assertThrows(RuleSetException.class, () -> Rule.Bonus.of("x", 2, "t", "a", "x")).getMessage());
    assertEquals("rule 'x': decay 'beyond' weight 0.5 is larger than the last step's weight 0.25; weights must not increase with age",
        assertThrows(RuleSetException.class, () -> Rule.Events.of("x", "a", 1, new Decay.StepSchedule(
            List.of(new Decay.Step(7, 1), new Decay.Step(30, 0.25)), 0.5), 1, 1)).getMessage());
    assertEquals("rule 'x': points for level 'a' must be a finite number, got Infinity",
        assertThrows(RuleSetException.class, () -> Rule.Levels.of("x", "f", Map.of("a", Double.POSITIVE_INFINITY))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new Rule.Band(Double.NaN, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> new Rule.Band(1, 1, 1));
    assertThrows(IllegalArgumentException.class, () -> RuleSet.of("t", 1, Rule.Flag.of("a", "b", 1, 0)).rule("nope"));
  }
}
