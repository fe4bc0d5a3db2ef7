package dev.leadscore.rules;

import static dev.leadscore.rules.Fixtures.AS_OF;
import static dev.leadscore.rules.Fixtures.DAY_MS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Properties of rule scoring over arbitrary leads and arbitrary points: contributions add up to
 * the raw points exactly, the 0–100 score stays in range, scoring is deterministic, independent of
 * event order and blind to the future.
 */
class RuleScorerProperties {
  private static final FittedSchema SCHEMA = Fixtures.fitted();

  static final String[] EVENT_TYPES = {"pricing_page_visit", "careers_page_visit", "email_open", "email_click",
      "site_visit", "demo_request"};

  /** A rule set using every kind and every feature of the fixture schema. */
  static RuleSet richRuleSet() {
    return RuleSet.of("rich", 3, rules(new double[] {15, 12, 8, 4, -2, 5, -3, -15, -30, 10, 6, -2, 0, 5, 5, 3, -10,
        -5, 3, 10, 6, 2, 5, 10, 0, -20, 0, 7, 8, -5, 1.5, 1.5, 1.25}, Decay.standardSteps(), Decay.halfLife(14), 3, 2, 10));
  }

  static RuleScorer richScorer() {
    return RuleScorer.of(richRuleSet(), SCHEMA);
  }

  /** The rich structure with the given 33 numbers as points and multipliers. */
  static List<Rule> rules(double[] p, Decay pricingDecay, Decay emailDecay, int pricingCap, int careersCap, int emailCap) {
    int i = 0;
    Map<String, Double> seniority = new LinkedHashMap<>();
    seniority.put("c_level", p[i++]);
    seniority.put("vp", p[i++]);
    seniority.put("director", p[i++]);
    seniority.put("manager", p[i++]);
    seniority.put("individual_contributor", p[i++]);
    Map<String, Double> email = new LinkedHashMap<>();
    email.put("corporate", p[i++]);
    email.put("free_mail", p[i++]);
    email.put("education", p[i++]);
    email.put("competitor", p[i++]);
    Map<String, Double> industry = new LinkedHashMap<>();
    industry.put("software", p[i++]);
    industry.put("health care", p[i++]);
    industry.put("retail", p[i++]);
    industry.put("other", p[i++]);
    Map<String, Double> territory = new LinkedHashMap<>();
    territory.put("us", p[i++]);
    territory.put("uk", p[i++]);
    territory.put("de", p[i++]);
    territory.put("other", p[i++]);
    List<Rule> rules = new ArrayList<>();
    rules.add(Rule.Levels.of("seniority", "job_title", seniority));
    rules.add(Rule.Levels.of("email_class", "email_domain", email));
    rules.add(Rule.Levels.of("industry", "industry", industry));
    rules.add(Rule.Levels.of("territory", "country", territory));
    rules.add(Rule.Bands.of("company_size", "company_size", new Rule.Band(Double.NEGATIVE_INFINITY, 10, p[i++]),
        new Rule.Band(10, 50, p[i++]), new Rule.Band(50, 200, p[i++]), new Rule.Band(200, Double.POSITIVE_INFINITY, p[i++])));
    rules.add(Rule.Bands.of("revenue", "revenue", new Rule.Band(0, 1e6, p[i++]), new Rule.Band(1e6, Double.POSITIVE_INFINITY, p[i++])));
    rules.add(Rule.Flag.of("decision_maker", "decision_maker", p[i++], p[i++]));
    rules.add(Rule.Flag.of("unsubscribed", "unsubscribed", p[i++], p[i++]));
    rules.add(Rule.Bands.of("budget", "budget", new Rule.Band(1, 3, p[i++])));
    rules.add(Rule.Events.of("pricing", "pricing_page_visit", p[i++], pricingDecay, 90, pricingCap));
    rules.add(Rule.Events.of("careers", "careers_page_visit", p[i++], Decay.none(), 90, careersCap));
    rules.add(new Rule.Events("email_engagement", List.of("email_open", "email_click"), p[i++], emailDecay,
        Double.POSITIVE_INFINITY, emailCap, null));
    rules.add(Rule.Bonus.of("dm_pricing", p[i++], "Decision-maker who visited the pricing page", "decision_maker", "pricing"));
    rules.add(Rule.Bonus.of("senior_engaged", p[i++], "Senior buyer engaging with email", "seniority", "email_engagement"));
    assert i == p.length;
    return rules;
  }

  // ------------------------------------------------------------------------ generators

  private static final String[] TITLES = {"CEO", "VP Sales", "Director of IT", "Marketing Manager", "Engineer",
      "Select", "", "  ", "Chief Revenue Officer", "student", "Head of Growth"};
  private static final String[] EMAILS = {"jo@acme.com", "x@gmail.com", "kid@mit.edu", "spy@rival.com",
      "a@sub.rival.com", "not an email", "", "b@outlook.com"};
  private static final String[] INDUSTRIES = {"Software", "software ", "Retail", "Health  Care", "Mining", "", "other"};
  private static final String[] COUNTRIES = {"US", "uk", "DE", "Brazil", "n/a", "", "N/A"};
  private static final String[] BUDGETS = {"none", "Exploring", "APPROVED", ""};

  /** Arbitrary valid leads: any attribute may be absent, blank or a missing token; 0–12 events of any age, some after asOf. */
  static Gen<Lead> leads() {
    return r -> {
      Lead.Builder b = Lead.builder("L" + r.nextInt(1_000_000));
      if (r.nextInt(4) > 0) {
        b.text("title", TITLES[r.nextInt(TITLES.length)]);
      }
      if (r.nextInt(4) > 0) {
        b.text("email", EMAILS[r.nextInt(EMAILS.length)]);
      }
      if (r.nextInt(4) > 0) {
        b.text("industry", INDUSTRIES[r.nextInt(INDUSTRIES.length)]);
      }
      if (r.nextInt(4) > 0) {
        b.text("country", COUNTRIES[r.nextInt(COUNTRIES.length)]);
      }
      switch (r.nextInt(6)) {
        case 0:
          break;
        case 1:
          b.text("employees", "unknown");
          break;
        case 2:
          b.text("employees", Integer.toString(r.nextInt(5000)));
          break;
        default:
          b.number("employees", r.nextInt(8) == 0 ? -r.nextDouble() * 100 : Math.exp(r.nextDouble() * 14));
      }
      if (r.nextBoolean()) {
        b.number("revenue", r.nextInt(10) == 0 ? -1000 : r.nextDouble() * 5e6);
      }
      if (r.nextInt(3) > 0) {
        b.bool("decision_maker", r.nextBoolean());
      }
      if (r.nextInt(3) > 0) {
        b.text("unsubscribed", r.nextBoolean() ? "yes" : "no");
      }
      if (r.nextInt(3) > 0) {
        b.text("budget", BUDGETS[r.nextInt(BUDGETS.length)]);
      }
      int events = r.nextInt(13);
      for (int i = 0; i < events; i++) {
        b.event(event(r));
      }
      return b.build();
    };
  }

  static ActivityEvent event(SplittableRandom r) {
    String type = EVENT_TYPES[r.nextInt(EVENT_TYPES.length)];
    long ageMs = r.nextInt(10) == 0 ? -r.nextLong(1, 60 * DAY_MS)
        : r.nextInt(6) == 0 ? r.nextLong(0, 4) * 7 * DAY_MS // exactly on a boundary-ish age
        : r.nextLong(0, 400 * DAY_MS);
    int count = r.nextInt(20) == 0 ? 1000 : r.nextInt(6) == 0 ? 0 : 1 + r.nextInt(3);
    return new ActivityEvent(type, AS_OF.minusMillis(ageMs), count);
  }

  /** Points with awkward fractions, zeros and large magnitudes. */
  private static Gen<Double> points() {
    return Gen.anyOf(Gen.doubles(-40, 40), Gen.oneOf(0.0, 1.0 / 3, -2.0 / 7, 0.1, 1e-7, 123456.789),
        Gen.doubles(-1e5, 1e5));
  }

  /** Arbitrary rule sets of the rich structure. */
  static Gen<RuleSet> ruleSets() {
    Gen<Decay> decays = Gen.anyOf(Gen.constant(Decay.none()), Gen.constant(Decay.standardSteps()),
        Gen.doubles(0.01, 400).map(Decay::halfLife));
    return r -> {
      double[] p = new double[33];
      for (int i = 0; i < 31; i++) {
        p[i] = points().next(r);
      }
      p[31] = Gen.doubles(0.05, 4).next(r);
      p[32] = Gen.doubles(0.05, 4).next(r);
      List<Rule> rules = rules(p, decays.next(r), decays.next(r), 1 + r.nextInt(10), 1 + r.nextInt(10), 1 + r.nextInt(50));
      RuleSet set = RuleSet.of("random", 1, rules).withBase(r.nextInt(4) == 0 ? Gen.doubles(-10, 10).next(r) : 0.0);
      return r.nextInt(4) == 0 ? set.withScale(new RuleSet.Scale(-20, 60)) : set;
    };
  }

  // ------------------------------------------------------------------------- properties

  private static void checkSums(RuleScorer s, Lead lead) {
    RuleScore r = s.evaluate(lead, AS_OF, Detail.EXPLAINED);
    Explanation e = r.explanation().orElseThrow();
    // Exact, not within a tolerance: every contribution is on the 2^-20 grid, so sums are exact in any order.
    assertEquals(r.points(), e.total());
    List<Reason> shuffled = new ArrayList<>(e.contributions());
    Collections.reverse(shuffled);
    double sum = e.baseValue();
    for (Reason reason : shuffled) {
      sum += reason.contribution();
    }
    assertEquals(r.points(), sum);
    assertEquals(r.fitPoints(), e.fit());
    assertEquals(r.intentPoints(), e.intent());
    assertEquals(s.ruleSet().rules().size(), e.contributions().size());
    Score score = r.score();
    assertTrue(score.score() >= 0 && score.score() <= 100, "score " + score.score());
    assertTrue(r.fitScore() >= 0 && r.fitScore() <= 100, "fit " + r.fitScore());
    assertTrue(r.intentScore() >= 0 && r.intentScore() <= 100, "intent " + r.intentScore());
    assertEquals(score.score() / 100, score.probability());
    assertEquals(s.cutoffs().tierOf(score.score()), score.tier());
    if (s.ruleSet().scale().isEmpty()) {
      assertTrue(r.points() >= s.totalRange().min() && r.points() <= s.totalRange().max(),
          r.points() + " outside " + s.totalRange());
    }
    assertTrue(r.fitPoints() >= s.fitRange().min() && r.fitPoints() <= s.fitRange().max());
    assertTrue(r.intentPoints() >= s.intentRange().min() && r.intentPoints() <= s.intentRange().max());
  }

  @Test
  void contributionsSumExactlyToThePointsAndTheScoreStaysInRange() {
    RuleScorer s = richScorer();
    PropertyCheck.forAll(leads(), lead -> checkSums(s, lead));
  }

  @Test
  void sameForArbitraryPointsDecaysCapsAndMultipliers() {
    PropertyCheck.forAll(300, Gen.zip(ruleSets(), Gen.lists(leads(), 1, 8), PropertyCheck.Pair::new), p -> {
      RuleScorer s = RuleScorer.of(p.a(), SCHEMA);
      for (Lead lead : p.b()) {
        checkSums(s, lead);
      }
    });
  }

  @Test
  void scoringIsDeterministicAndIndependentOfEventOrder() {
    PropertyCheck.forAll(500, Gen.zip(ruleSets(), leads(), PropertyCheck.Pair::new), p -> {
      RuleScorer s = RuleScorer.of(p.a(), SCHEMA);
      Lead lead = p.b();
      RuleScore first = s.evaluate(lead, AS_OF, Detail.EXPLAINED);
      assertEquals(first, s.evaluate(lead, AS_OF, Detail.EXPLAINED));
      List<ActivityEvent> events = new ArrayList<>(lead.events());
      Collections.shuffle(events, new java.util.Random(events.size()));
      Lead.Builder b = Lead.builder(lead.id());
      lead.attributes().forEach(b::attribute);
      events.forEach(b::event);
      RuleScore shuffled = s.evaluate(b.build(), AS_OF, Detail.EXPLAINED);
      assertEquals(first.points(), shuffled.points(), 1e-12);
      assertEquals(first.score().score(), shuffled.score().score(), 1e-12);
      // In fact bit-identical: counted events are summed in (age, count) order.
      assertEquals(first, shuffled);
    });
  }

  @Test
  void eventsAfterAsOfNeverChangeTheScore() {
    PropertyCheck.forAll(500, Gen.zip(leads(), Gen.lists(r -> {
      String type = EVENT_TYPES[r.nextInt(EVENT_TYPES.length)];
      return new ActivityEvent(type, AS_OF.plusMillis(r.nextLong(1, 400 * DAY_MS)), r.nextInt(5));
    }, 1, 6), PropertyCheck.Pair::new), p -> {
      RuleScorer s = richScorer();
      Lead.Builder b = p.a().toBuilder();
      p.b().forEach(b::event);
      assertEquals(s.evaluate(p.a(), AS_OF, Detail.EXPLAINED), s.evaluate(b.build(), AS_OF, Detail.EXPLAINED));
    });
  }

  @Test
  void scoreOnlyGivesTheSameNumbersWithoutAnExplanation() {
    RuleScorer s = richScorer();
    PropertyCheck.forAll(leads(), lead -> {
      RuleScore full = s.evaluate(lead, AS_OF, Detail.EXPLAINED);
      RuleScore only = s.evaluate(lead, AS_OF, Detail.SCORE_ONLY);
      assertFalse(only.explanation().isPresent());
      assertEquals(full.points(), only.points());
      assertEquals(full.score().score(), only.score().score());
      assertEquals(full.score().tier(), only.score().tier());
      assertEquals(full.fitScore(), only.fitScore());
      assertEquals(full.intentScore(), only.intentScore());
    });
  }

  @Test
  void laterAsOfOnlyEverAgesEvents() {
    // The pricing rule's points per event are positive and its decay monotone, so moving asOf forward past
    // the last event cannot raise its points (nothing new happens; old events weigh less or leave the window).
    RuleScorer s = richScorer();
    int[] withPoints = {0};
    PropertyCheck.forAll(leads(), lead -> {
      Instant later = AS_OF.plusMillis(3 * DAY_MS);
      double now = eventPoints(s, lead, AS_OF);
      Lead past = pastOnly(lead);
      // the pricing rule reads only pricing visits up to asOf, so dropping the rest changes nothing
      assertEquals(now, eventPoints(s, past, AS_OF));
      assertTrue(eventPoints(s, past, later) <= now, "aging raised the points");
      withPoints[0] += now > 0 ? 1 : 0;
    });
    assertTrue(withPoints[0] > 100, "too few leads had pricing points: " + withPoints[0]);
  }

  private static Lead pastOnly(Lead lead) {
    Lead.Builder b = Lead.builder(lead.id());
    lead.attributes().forEach(b::attribute);
    for (ActivityEvent e : lead.events()) {
      if (!e.at().isAfter(AS_OF) && e.type().equals("pricing_page_visit")) {
        b.event(e);
      }
    }
    return b.build();
  }

  private static double eventPoints(RuleScorer s, Lead lead, Instant asOf) {
    return s.evaluate(lead, asOf, Detail.EXPLAINED).explanation().orElseThrow().contributions().stream()
        .filter(r -> r.feature().equals("pricing")).mapToDouble(Reason::contribution).sum();
  }
}
