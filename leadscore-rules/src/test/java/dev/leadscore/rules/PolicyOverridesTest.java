package dev.leadscore.rules;

import static dev.leadscore.rules.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.Disqualifier;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Policy;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.schema.FittedSchema;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Disqualifiers: a cap never raises a tier, suppress beats cap, the score itself is untouched. */
class PolicyOverridesTest {
  private static final FittedSchema SCHEMA = Fixtures.fitted();
  private static final Disqualifier RETAIL_CAP = new Disqualifier("industry", "Retail", Tier.NURTURE,
      "Retail leads go to partners: nurture only");
  private static final Disqualifier GERMANY_OUT = new Disqualifier("country", "DE", Tier.SUPPRESS,
      "Outside the sales territory");
  private static final RuleSet RULES = RuleSet.of("policy-test", 1,
      Rule.Flag.of("decision_maker", "decision_maker", 10, 0), Rule.Flag.of("unsubscribed", "unsubscribed", -20, 0));
  private static final RuleScorer PLAIN = RuleScorer.of(RULES, SCHEMA);
  private static final RuleScorer WITH_POLICY =
      RuleScorer.of(RULES.withPolicy(Policy.of(List.of(RETAIL_CAP, GERMANY_OUT))), SCHEMA);

  private static Lead.Builder hotLead(String id) {
    return Lead.builder(id).bool("decision_maker", true).bool("unsubscribed", false);
  }

  private static Score explained(RuleScorer s, Lead lead) {
    return s.score(lead, AS_OF, Detail.EXPLAINED);
  }

  private static Reason first(Score s) {
    return s.explanation().orElseThrow().topReasons().get(0);
  }

  @Test
  void aCapLowersAHotLeadToItsTierWithTheOverrideFirstAndTheSameScore() {
    Lead lead = hotLead("retail").text("industry", "retail").build();
    Score plain = explained(PLAIN, lead);
    Score capped = explained(WITH_POLICY, lead);
    assertEquals(Tier.HOT, plain.tier());
    assertEquals(Tier.NURTURE, capped.tier());
    assertEquals(plain.score(), capped.score(), "an override sets the tier, never the score");
    assertEquals(Reason.Direction.OVERRIDES, first(capped).direction());
    assertEquals(RETAIL_CAP.reason(), first(capped).text());
  }

  @Test
  void suppressWinsOverACapWhenBothMatch() {
    Score s = explained(WITH_POLICY, hotLead("both").text("industry", "retail").text("country", "DE").build());
    assertEquals(Tier.SUPPRESS, s.tier());
    assertEquals(GERMANY_OUT.reason(), first(s).text());
  }

  @Test
  void aCapNeverRaisesALeadAboveItsOwnTier() {
    Lead lead = Lead.builder("cold").bool("unsubscribed", true).text("industry", "retail").build();
    assertEquals(Tier.SUPPRESS, explained(PLAIN, lead).tier());
    assertEquals(Tier.SUPPRESS, explained(WITH_POLICY, lead).tier());
  }

  @Test
  void aLeadNoDisqualifierMatchesScoresAsWithoutThePolicy() {
    Lead lead = hotLead("software").text("industry", "software").text("country", "US").build();
    Score plain = explained(PLAIN, lead);
    Score s = explained(WITH_POLICY, lead);
    assertEquals(plain.tier(), s.tier());
    assertEquals(plain.score(), s.score());
    assertEquals(plain.explanation().orElseThrow().topReasons(), s.explanation().orElseThrow().topReasons());
  }

  @Test
  void aDisqualifiersValueIsNormalisedExactlyAsTheSchemasLevelsAre() {
    // an em space: the schema's level normalisation collapses every whitespace character
    Disqualifier d = new Disqualifier("industry", " Health\u2003 Care ", Tier.SUPPRESS, "Regulated: not ours");
    assertEquals("health care", d.when());
    Lead lead = hotLead("health").text("industry", "Health Care").build();
    Score s = explained(RuleScorer.of(RULES.withPolicy(Policy.of(List.of(d))), SCHEMA), lead);
    assertEquals(Tier.SUPPRESS, s.tier());
  }

  @Test
  void disqualifiersSurviveTheJsonRoundTrip() {
    RuleSet set = RULES.withPolicy(Policy.of(List.of(RETAIL_CAP, GERMANY_OUT)));
    RuleSet back = RuleSet.fromJson(set.toJson());
    assertEquals(set.policy(), back.policy());
    assertEquals(List.of(RETAIL_CAP, GERMANY_OUT), back.policy().disqualifiers());
  }
}
