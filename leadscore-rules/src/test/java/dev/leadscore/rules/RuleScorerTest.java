package dev.leadscore.rules;

import static dev.leadscore.rules.Fixtures.AS_OF;
import static dev.leadscore.rules.Fixtures.DAY_MS;
import static dev.leadscore.rules.Fixtures.daysAgo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Scores computed by hand: decay boundaries, caps, bonuses, penalties, missing values, bands, scaling. */
class RuleScorerTest {
  private static final FittedSchema SCHEMA = Fixtures.fitted();

  private static RuleScorer scorer(Rule... rules) {
    return RuleScorer.of(RuleSet.of("test", 1, rules), SCHEMA);
  }

  private static Lead.Builder lead(String id) {
    return Lead.builder(id);
  }

  private static Reason line(Explanation e, String ruleId) {
    return e.contributions().stream().filter(r -> r.feature().equals(ruleId)).findFirst()
        .orElseThrow(() -> new AssertionError("no line for rule " + ruleId + " in " + e.contributions()));
  }

  private static RuleScore eval(RuleScorer s, Lead lead) {
    return s.evaluate(lead, AS_OF, Detail.EXPLAINED);
  }

  // ------------------------------------------------------------------------------- decay

  /** The standard schedule: 1.0 up to 7 days, 0.75 up to 30, 0.5 up to 90, 0.25 beyond; 8 points per visit. */
  @ParameterizedTest(name = "visit {0} days + {1} ms old earns {2}")
  @CsvSource({
      "0, 0, 8.0",
      "7, 0, 8.0",
      "7, 1, 6.0",
      "30, 0, 6.0",
      "30, 1, 4.0",
      "90, 0, 4.0",
      "90, 1, 2.0",
      "400, 0, 2.0"})
  void stepDecayBoundaries(long days, long extraMillis, double expected) {
    RuleScorer s = scorer(Rule.Events.of("pricing", "pricing_page_visit", 8, Decay.standardSteps(),
        Double.POSITIVE_INFINITY, 10));
    Lead l = lead("L").event("pricing_page_visit", AS_OF.minusMillis(days * DAY_MS + extraMillis)).build();
    RuleScore r = eval(s, l);
    assertEquals(expected, r.points());
    assertEquals(expected, line(r.explanation().orElseThrow(), "pricing").contribution());
  }

  @Test
  void halfLifeDecayHalvesPointsEveryHalfLife() {
    RuleScorer s = scorer(Rule.Events.of("opens", "email_open", 4, Decay.halfLife(14), Double.POSITIVE_INFINITY, 10));
    assertEquals(4.0, eval(s, lead("a").event("email_open", AS_OF).build()).points());
    assertEquals(2.0, eval(s, lead("b").event("email_open", daysAgo(14)).build()).points());
    assertEquals(1.0, eval(s, lead("c").event("email_open", daysAgo(28)).build()).points());
    assertEquals(3.0, eval(s, lead("d").event("email_open", daysAgo(14)).event("email_open", daysAgo(28)).build()).points());
  }

  @Test
  void windowIncludesItsEdgeAndIgnoresOlderAndFutureEvents() {
    RuleScorer s = scorer(Rule.Events.of("pricing", "pricing_page_visit", 5, Decay.none(), 30, 10));
    assertEquals(5.0, eval(s, lead("edge").event("pricing_page_visit", AS_OF.minusMillis(30 * DAY_MS)).build()).points());
    assertEquals(0.0, eval(s, lead("old").event("pricing_page_visit", AS_OF.minusMillis(30 * DAY_MS + 1)).build()).points());
    assertEquals(0.0, eval(s, lead("future").event("pricing_page_visit", AS_OF.plusMillis(1)).build()).points());
    assertEquals(5.0, eval(s, lead("now").event("pricing_page_visit", AS_OF).build()).points());
  }

  // --------------------------------------------------------------------------------- cap

  @Test
  void capCountsTheMostRecentOccurrencesOnly() {
    RuleScorer s = scorer(Rule.Events.of("pricing", "pricing_page_visit", 8, Decay.standardSteps(),
        Double.POSITIVE_INFINITY, 3));
    // Listed oldest first: the three most recent (1, 2 and 40 days: 8 + 8 + 6) count, not the 100-day one.
    Lead l = lead("cap").event("pricing_page_visit", daysAgo(100)).event("pricing_page_visit", daysAgo(40))
        .event("pricing_page_visit", daysAgo(2)).event("pricing_page_visit", daysAgo(1)).build();
    RuleScore r = eval(s, l);
    assertEquals(8 + 8 + 4, r.points(), "1 and 2 days weigh 1.0, 40 days weighs 0.5");
    Reason reason = line(r.explanation().orElseThrow(), "pricing");
    assertEquals("4", reason.value(), "the sentence reports every visit in the window, counted or not");

    Lead ten = lead("ten").event("pricing_page_visit", daysAgo(1), 10).build();
    assertEquals(24.0, eval(s, ten).points(), "an event with count 10 is ten occurrences, three counted");
    assertEquals(24.0, s.totalRange().max(), "the cap bounds the rule: 3 x 8 x weight 1");
  }

  @Test
  void zeroCountEventsAndOtherTypesDoNotCount() {
    RuleScorer s = scorer(Rule.Events.of("pricing", "pricing_page_visit", 8, Decay.none(), 30, 1));
    Lead l = lead("z").event("pricing_page_visit", daysAgo(1), 0).event("site_visit", daysAgo(1))
        .event("pricing_page_visit", daysAgo(40)).build();
    assertEquals(0.0, eval(s, l).points());
    assertEquals("No pricing page visits in the last 30 days",
        line(eval(s, l).explanation().orElseThrow(), "pricing").text());
  }

  // ------------------------------------------------------------------------------ bonus

  @Test
  void bonusMultiplierAddsItsOwnLineThatSumsExactly() {
    RuleScorer s = scorer(
        Rule.Flag.of("decision_maker", "decision_maker", 10, 0),
        Rule.Events.of("pricing", "pricing_page_visit", 8, Decay.standardSteps(), 90, 3),
        Rule.Bonus.of("dm_pricing", 1.5, "Decision-maker who visited the pricing page", "decision_maker", "pricing"));
    Lead both = lead("both").bool("decision_maker", true).event("pricing_page_visit", daysAgo(3)).build();
    RuleScore r = eval(s, both);
    Explanation e = r.explanation().orElseThrow();
    assertEquals(10 + 8 + 9, r.points(), "bonus = (1.5 - 1) x (10 + 8)");
    Reason bonus = line(e, "dm_pricing");
    assertEquals(9.0, bonus.contribution());
    assertEquals("Decision-maker who visited the pricing page", bonus.text());
    assertEquals(FeaturesFamily.BEHAVIORAL, bonus.family(), "a combination with behaviour counts as intent");
    assertEquals(r.points(), e.total());
    assertEquals(List.of("decision_maker", "dm_pricing", "pricing"),
        e.topReasons().stream().map(Reason::feature).toList());

    Lead old = lead("old").bool("decision_maker", true).event("pricing_page_visit", daysAgo(60)).build();
    assertEquals(10 + 4 + 7, eval(s, old).points(), "the bonus multiplies the decayed points: 0.5 x (10 + 4)");

    Lead dmOnly = lead("dm").bool("decision_maker", true).build();
    RuleScore r2 = eval(s, dmOnly);
    assertEquals(10.0, r2.points());
    Reason none = line(r2.explanation().orElseThrow(), "dm_pricing");
    assertEquals(0.0, none.contribution());
    assertEquals("Decision-maker who visited the pricing page (not earned)", none.text());

    assertEquals(10 + 24 + 17, s.totalRange().max(), "the bonus's extreme is 0.5 x (10 + 24)");
  }

  @Test
  void bonusNeedsEveryPartStrictlyPositive() {
    RuleScorer s = scorer(
        Rule.Flag.of("decision_maker", "decision_maker", 10, 0),
        Rule.Levels.of("seniority", "job_title", Map.of("vp", 5.0, "individual_contributor", -5.0)),
        Rule.Bonus.of("senior_dm", 2.0, "Senior decision-maker", "decision_maker", "seniority"));
    assertEquals(10 + 5 + 15, eval(s, lead("vp").bool("decision_maker", true).text("title", "VP Sales").build()).points());
    assertEquals(10 - 5, eval(s, lead("ic").bool("decision_maker", true).text("title", "Engineer").build()).points());
  }

  // ---------------------------------------------------------------------------- penalties

  @Test
  void asymmetricPenaltiesOnlyEverSubtract() {
    RuleScorer s = scorer(
        Rule.Flag.of("unsubscribed", "unsubscribed", -20, 0),
        Rule.Events.of("careers", "careers_page_visit", -5, Decay.none(), 90, 2),
        Rule.Levels.of("email_class", "email_domain", Map.of("corporate", 5.0, "competitor", -30.0, "education", -15.0)),
        Rule.Levels.of("territory", "country", Map.of("us", 5.0, "uk", 5.0, "other", -10.0)));
    RuleScore bad = eval(s, lead("bad").bool("unsubscribed", true).text("email", "spy@rival.com")
        .text("country", "Brazil").event("careers_page_visit", daysAgo(1), 4).build());
    assertEquals(-20 - 10 - 30 - 10, bad.points());
    Explanation e = bad.explanation().orElseThrow();
    assertEquals(List.of("email_class", "unsubscribed", "careers"), e.risks().stream().map(Reason::feature).toList(),
        "most negative first; of the tied careers and territory (both -10) the first by name, as Explanation orders ties");
    assertEquals("Unsubscribed from email", line(e, "unsubscribed").text());
    assertEquals("Based in Brazil", line(e, "territory").text());

    RuleScore good = eval(s, lead("good").bool("unsubscribed", false).text("email", "jo@acme.com").text("country", "US").build());
    assertEquals(0 + 5 + 5, good.points(), "staying subscribed earns nothing: the penalty is asymmetric");
    assertEquals(-15.0, eval(s, lead("student").text("email", "kid@mit.edu").build()).points());
    assertEquals(-70.0, s.totalRange().min());
    assertEquals(10.0, s.totalRange().max());
  }

  // ------------------------------------------------------------------------ missing data

  @Test
  void missingAttributesScoreZeroAndSaySo() {
    RuleScorer s = scorer(
        Rule.Bands.of("company_size", "company_size", new Rule.Band(50, 200, 10), new Rule.Band(200, Double.POSITIVE_INFINITY, 6)),
        Rule.Bands.of("revenue", "revenue", new Rule.Band(0, 1e6, 2), new Rule.Band(1e6, Double.POSITIVE_INFINITY, 5)),
        Rule.Levels.of("seniority", "job_title", Map.of("vp", 12.0)),
        Rule.Levels.of("industry", "industry", Map.of("software", 8.0, "other", -2.0)),
        Rule.Levels.of("territory", "country", Map.of("us", 5.0, "other", -10.0)),
        Rule.Levels.of("email_class", "email_domain", Map.of("corporate", 5.0, "free_mail", -3.0)),
        Rule.Flag.of("decision_maker", "decision_maker", 10, -1),
        Rule.Flag.of("unsubscribed", "unsubscribed", -20, 1),
        Rule.Bands.of("budget", "budget", new Rule.Band(1, 3, 7)));
    Lead empty = lead("empty").text("employees", "unknown").text("title", "Select").text("country", "n/a").build();
    RuleScore r = assertDoesNotThrow(() -> eval(s, empty));
    assertEquals(0.0, r.points(), "every rule reads a missing value: 0 points each");
    Explanation e = r.explanation().orElseThrow();
    assertEquals(9, e.contributions().size());
    assertEquals("Company size unknown", line(e, "company_size").text());
    assertEquals("Revenue unknown", line(e, "revenue").text());
    assertEquals("Job title unknown", line(e, "seniority").text());
    assertEquals("Industry unknown", line(e, "industry").text());
    assertEquals("Country unknown", line(e, "territory").text(), "missing, not 'other', though both share a column");
    assertEquals("No usable email address", line(e, "email_class").text());
    assertEquals("Decision-making role unknown", line(e, "decision_maker").text());
    assertEquals("Subscription status unknown", line(e, "unsubscribed").text());
    assertEquals("Budget unknown", line(e, "budget").text());
    for (Reason reason : e.contributions()) {
      assertEquals(0.0, reason.contribution(), reason.feature());
      assertEquals(null, reason.value(), reason.feature());
    }
    assertTrue(e.topReasons().isEmpty());
    assertTrue(e.risks().isEmpty());

    Lead known = lead("known").number("employees", 120).number("revenue", 0).text("title", "Software Engineer")
        .text("industry", "Mining").text("country", "Peru").text("email", "a@gmail.com").bool("decision_maker", false)
        .bool("unsubscribed", false).text("budget", "Exploring").build();
    RuleScore k = eval(s, known);
    assertEquals(10 + 2 + 0 - 2 - 10 - 3 - 1 + 1 + 7, k.points());
    assertEquals("Company of 120 employees (typical)", line(k.explanation().orElseThrow(), "company_size").text());
  }

  private static <T> T assertDoesNotThrow(java.util.function.Supplier<T> s) {
    return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s::get);
  }

  // ------------------------------------------------------------------------------- bands

  @Test
  void bandEdgesInRawUnitsMatchExactlyThroughTheLogTransform() {
    RuleScorer s = scorer(Rule.Bands.of("company_size", "company_size", new Rule.Band(Double.NEGATIVE_INFINITY, 10, -5),
        new Rule.Band(10, 50, 3), new Rule.Band(50, 200, 10), new Rule.Band(200, 1000, 8),
        new Rule.Band(1000, Double.POSITIVE_INFINITY, 4)));
    for (int size = 0; size <= 3000; size++) {
      double expected = size < 10 ? -5 : size < 50 ? 3 : size < 200 ? 10 : size < 1000 ? 8 : 4;
      assertEquals(expected, eval(s, lead("s" + size).number("employees", size).build()).points(), "size " + size);
    }
    assertEquals(3.0, eval(s, lead("frac").number("employees", 49.999).build()).points());
    assertEquals(10.0, eval(s, lead("frac2").number("employees", 199.99999).build()).points());
    assertEquals(4.0, eval(s, lead("huge").number("employees", 5e6).build()).points(), "clipped at 100,000: still the top band");
    assertEquals(-5.0, eval(s, lead("neg").number("employees", -3).build()).points(), "clipped at 1: the bottom band");
  }

  @Test
  void bandsOnRecencyAndEventCountFeatures() {
    RuleScorer s = scorer(
        Rule.Bands.of("recent", "days_since_visit", new Rule.Band(0, 7, 5), new Rule.Band(7, 30, 2)),
        Rule.Bands.of("pricing_count", "pricing_visits", new Rule.Band(1, 3, 2), new Rule.Band(3, Double.POSITIVE_INFINITY, 6)));
    RuleScore never = eval(s, lead("never").build());
    assertEquals(0.0, never.points());
    assertEquals("Has never visited the site", line(never.explanation().orElseThrow(), "recent").text());
    assertEquals(5.0, eval(s, lead("d3").event("site_visit", daysAgo(3)).build()).points());
    assertEquals(2.0, eval(s, lead("d7").event("site_visit", daysAgo(7)).build()).points(), "exactly 7 days opens [7, 30)");
    assertEquals(0.0, eval(s, lead("d30").event("site_visit", daysAgo(30)).build()).points());
    Lead.Builder b = lead("p");
    assertEquals(5.0 + 2, eval(s, b.event("pricing_page_visit", daysAgo(1)).build()).points(), "1 visit: [1, 3), log1p edges");
    assertEquals(5.0 + 2, eval(s, b.event("pricing_page_visit", daysAgo(2)).build()).points());
    RuleScore three = eval(s, b.event("pricing_page_visit", daysAgo(2)).build());
    assertEquals(5.0 + 6, three.points(), "3 visits: [3, +inf)");
    assertEquals("Visited pricing 3 times", line(three.explanation().orElseThrow(), "pricing_count").text());
  }

  @Test
  void bandAboveTheClipRangeIsRejected() {
    RuleSetException e = assertThrows(RuleSetException.class, () -> scorer(Rule.Bands.of("company_size", "company_size",
        new Rule.Band(10, 200, 3), new Rule.Band(200_000, Double.POSITIVE_INFINITY, 10))));
    assertTrue(e.getMessage().startsWith("rule 'company_size': band 1 [200000.0, +inf) -> 10.0 can never match"), e.getMessage());
  }

  // ----------------------------------------------------------------------------- scaling

  @Test
  void scoreIsMinMaxNormalisedOverTheAttainablePoints() {
    RuleScorer s = scorer(Rule.Flag.of("decision_maker", "decision_maker", 10, 0),
        Rule.Flag.of("unsubscribed", "unsubscribed", -20, 0));
    assertEquals(new RuleScorer.Range(-20, 10), s.totalRange());
    Score top = s.score(lead("top").bool("decision_maker", true).bool("unsubscribed", false).build(), AS_OF);
    assertEquals(100.0, top.score());
    assertEquals(1.0, top.probability());
    assertEquals(Tier.HOT, top.tier());
    Score none = s.score(lead("none").build(), AS_OF);
    assertEquals(100.0 * 20 / 30, none.score(), 1e-12);
    assertEquals(none.score() / 100, none.probability());
    assertEquals(Tier.WARM, none.tier());
    Score worst = s.score(lead("worst").bool("unsubscribed", true).build(), AS_OF);
    assertEquals(0.0, worst.score());
    assertEquals(Tier.SUPPRESS, worst.tier());
    assertEquals("test", worst.modelId());
    assertEquals("1", worst.modelVersion());
  }

  @Test
  void declaredScaleClampsPointsOutsideIt() {
    RuleSet set = RuleSet.of("scaled", 2, Rule.Flag.of("decision_maker", "decision_maker", 10, 0),
        Rule.Flag.of("unsubscribed", "unsubscribed", -20, 0)).withScale(new RuleSet.Scale(0, 8)).withBase(1);
    RuleScorer s = RuleScorer.of(set, SCHEMA, TierCutoffs.of(90, 50, 10));
    assertEquals(new RuleScorer.Range(0, 8), s.totalRange());
    assertEquals(100.0, s.score(lead("a").bool("decision_maker", true).build(), AS_OF).score(), "11 points > ceiling 8");
    assertEquals(12.5, s.score(lead("b").build(), AS_OF).score(), "the base, 1 point of 8");
    assertEquals(0.0, s.score(lead("c").bool("unsubscribed", true).build(), AS_OF).score(), "-19 points < floor 0");
    Explanation e = s.score(lead("d").build(), AS_OF).explanation().orElseThrow();
    assertEquals(1.0, e.baseValue());
    assertEquals(Explanation.POINTS, e.unit());
    assertEquals(Tier.NURTURE, s.score(lead("b2").build(), AS_OF).tier());
  }

  @Test
  void fitAndIntentSubScoresSplitByFamily() {
    RuleScorer s = scorer(
        Rule.Flag.of("decision_maker", "decision_maker", 10, 0),
        Rule.Levels.of("seniority", "job_title", Map.of("vp", 10.0, "individual_contributor", -10.0)),
        Rule.Events.of("pricing", "pricing_page_visit", 5, Decay.none(), 30, 4),
        Rule.Flag.of("unsubscribed", "unsubscribed", -20, 0));
    assertEquals(new RuleScorer.Range(-10, 20), s.fitRange());
    assertEquals(new RuleScorer.Range(-20, 20), s.intentRange());
    RuleScore r = eval(s, lead("x").bool("decision_maker", true).text("title", "VP Marketing")
        .event("pricing_page_visit", daysAgo(1)).bool("unsubscribed", true).build());
    assertEquals(20.0, r.fitPoints());
    assertEquals(5 - 20, r.intentPoints());
    assertEquals(100.0, r.fitScore());
    assertEquals(100.0 * 5 / 40, r.intentScore());
    Explanation e = r.explanation().orElseThrow();
    assertEquals(r.fitPoints(), e.fit());
    assertEquals(r.intentPoints(), e.intent());
  }

  // ------------------------------------------------------------------------ score only

  @Test
  void scoreOnlySkipsTheExplanationButNotTheScore() {
    RuleScorer s = scorer(Rule.Flag.of("decision_maker", "decision_maker", 10, 0),
        Rule.Events.of("pricing", "pricing_page_visit", 5, Decay.halfLife(10), 30, 4));
    Lead l = lead("l").bool("decision_maker", true).event("pricing_page_visit", daysAgo(3)).build();
    Score only = s.score(l, AS_OF, Detail.SCORE_ONLY);
    Score full = s.score(l, AS_OF, Detail.EXPLAINED);
    assertFalse(only.explanation().isPresent());
    assertTrue(full.explanation().isPresent());
    assertEquals(full.score(), only.score());
    assertEquals(full.tier(), only.tier());
  }

  // ------------------------------------------------------------------------------- batch

  @Test
  void batchScoringReportsBadRowsAndScoresTheRest() {
    RuleScorer s = scorer(Rule.Bands.of("company_size", "company_size", new Rule.Band(50, 200, 10)));
    List<Lead> leads = new ArrayList<>();
    leads.add(lead("ok1").number("employees", 60).build());
    leads.add(lead("bad").text("employees", "lots").build());
    leads.add(null);
    leads.add(lead("ok2").build());
    BatchResult b = s.scoreAll(leads, AS_OF, Detail.EXPLAINED);
    assertEquals(List.of("ok1", "ok2"), b.scores().stream().map(Score::leadId).toList());
    assertEquals(2, b.errors().size());
    assertEquals(1, b.errors().get(0).row());
    assertEquals("bad", b.errors().get(0).leadId());
    assertEquals("employees", b.errors().get(0).field());
    assertTrue(b.errors().get(0).message().contains("lots"), b.errors().get(0).message());
    assertEquals(2, b.errors().get(1).row());
    LeadDataException e = assertThrows(LeadDataException.class, () -> s.score(leads.get(1), AS_OF));
    assertEquals("bad", e.leadId());
  }

  // ----------------------------------------------------------------------------- threads

  @Test
  void oneScorerServesManyThreadsWithIdenticalResults() throws Exception {
    RuleScorer s = RuleScorerProperties.richScorer();
    List<Lead> leads = new ArrayList<>();
    java.util.SplittableRandom rnd = new java.util.SplittableRandom(7);
    for (int i = 0; i < 200; i++) {
      leads.add(RuleScorerProperties.leads().next(rnd));
    }
    List<Score> expected = new ArrayList<>();
    for (Lead l : leads) {
      expected.add(s.score(l, AS_OF));
    }
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<List<Score>>> futures = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        futures.add(pool.submit(() -> {
          List<Score> out = new ArrayList<>();
          for (Lead l : leads) {
            out.add(s.score(l, AS_OF));
          }
          return out;
        }));
      }
      for (Future<List<Score>> f : futures) {
        assertEquals(expected, f.get());
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void explanationHasOneLinePerRuleWithValues() {
    RuleScorer s = RuleScorerProperties.richScorer();
    Lead l = lead("full").text("title", "Chief Revenue Officer").text("email", "ceo@acme.com").number("employees", 150)
        .bool("decision_maker", true).event("pricing_page_visit", daysAgo(2)).event("email_open", daysAgo(1)).build();
    Explanation e = s.score(l, AS_OF).explanation().orElseThrow();
    assertEquals(s.ruleSet().rules().size(), e.contributions().size());
    // the seniority level the schema reads from the title, not the raw title
    assertEquals("Job title C-level", line(e, "seniority").text());
    assertEquals("C-level", line(e, "seniority").value());
    assertEquals("Email is corporate", line(e, "email_class").text());
    assertNotNull(e.topReasons());
    assertEquals(3, e.topReasons().size());
  }

  /** Family constants, spelled as the schema spells them. */
  private static final class FeaturesFamily {
    static final String BEHAVIORAL = dev.leadscore.core.schema.FeatureInfo.BEHAVIORAL;
  }

  @Test
  void eventsAfterAsOfAreIgnoredEverywhere() {
    RuleScorer s = RuleScorerProperties.richScorer();
    Lead base = lead("t").bool("decision_maker", true).event("pricing_page_visit", daysAgo(5)).build();
    Lead withFuture = base.toBuilder().event("pricing_page_visit", AS_OF.plusSeconds(1))
        .event("careers_page_visit", Instant.parse("2027-01-01T00:00:00Z")).build();
    assertEquals(s.score(base, AS_OF), s.score(withFuture, AS_OF));
  }
}
