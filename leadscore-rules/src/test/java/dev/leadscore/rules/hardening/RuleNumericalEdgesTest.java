package dev.leadscore.rules.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.hardening.Fuzz;
import dev.leadscore.core.hardening.Fuzz.Outcome;
import dev.leadscore.core.hardening.Fuzz.Tally;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.rules.RuleScore;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import dev.leadscore.rules.RuleSetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Numerical edges for the rule baseline: extreme attribute values, huge event counts, millions of
 * events, events and scoring instants at the ends of time, leads with nothing but an id, and rule
 * sets with extreme points and scales. Every score must be in [0, 100] with probability in [0, 1]
 * and finite contributions; the only exception allowed while scoring is {@link LeadDataException}
 * for a value the schema genuinely cannot read.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RuleNumericalEdgesTest {
  private static FittedSchema schema;
  private static RuleScorer scorer;
  private static SyntheticData data;

  @BeforeAll
  static void setUp() {
    data = SyntheticPipeline.builder().size(300).seed(3).build().generate();
    schema = SyntheticPipeline.defaultSchema().fit(data.leads().stream().map(LabelledLead::lead).toList());
    scorer = RuleScorer.of(RuleSet.syntheticDefault(), schema);
  }

  static void assertSane(Score s) {
    assertTrue(s.score() >= 0 && s.score() <= 100, "score in [0, 100]: " + s);
    assertTrue(s.probability() >= 0 && s.probability() <= 1, "probability in [0, 1]: " + s);
    s.explanation().ifPresent(e -> {
      assertTrue(Double.isFinite(e.baseValue()) && Double.isFinite(e.total()), "finite explanation " + e);
      for (Reason r : e.contributions()) {
        assertTrue(Double.isFinite(r.contribution()), r.toString());
      }
    });
  }

  private static final double[] EXTREMES = {1e308, -1e308, Double.MAX_VALUE, -Double.MAX_VALUE, Double.MIN_VALUE, -0.0, 0.0,
      999999.0, 1e15, -1e15};

  @Test
  void extremeNumbersCountsAndInstants() {
    Tally t = new Tally("RuleScorer.score extreme values (deterministic grid)");
    // instants within +-292 million years of 1970 (where Instant.toEpochMilli works); the ends of
    // time are tested separately below
    List<Instant> instants = List.of(Instant.parse("-290000000-01-01T00:00:00Z"), Instant.parse("+290000000-01-01T00:00:00Z"),
        Instant.EPOCH, data.asOf(), data.asOf().minusNanos(1));
    List<String> numeric = List.of("company_size", "annual_revenue", "company_age_years");
    List<Instant> asOfs = List.of(data.asOf(), Instant.parse("-290000000-01-01T00:00:00Z"), Instant.parse("+290000000-01-01T00:00:00Z"));
    for (double v : EXTREMES) {
      for (Instant at : instants) {
        for (Instant asOf : asOfs) {
          Lead.Builder b = Lead.builder("E").bool("decision_maker", true);
          numeric.forEach(n -> b.number(n, v));
          for (String type : schema.schema().eventTypes()) {
            b.event(type, at, Integer.MAX_VALUE);
            b.event(type, at, Integer.MAX_VALUE);
          }
          Lead lead = b.build();
          Outcome<Score> o = Fuzz.attempt(t, lead.attributes() + " at " + at + " asOf " + asOf,
              () -> scorer.score(lead, asOf), LeadDataException.class);
          if (o.ok()) {
            assertSane(o.value());
          } else {
            t.fail("a readable extreme lead was refused: " + o.thrown().getMessage());
          }
        }
      }
    }
    t.assertClean();
  }

  @Test
  void arbitraryNumbersAndCountsProperty() {
    Tally t = new Tally("RuleScorer.score arbitrary finite numbers and counts");
    List<String> types = new ArrayList<>(schema.schema().eventTypes());
    Gen<Lead> leads = r -> {
      Lead.Builder b = Lead.builder("P");
      for (String n : List.of("company_size", "annual_revenue", "company_age_years")) {
        if (r.nextBoolean()) {
          b.number(n, Gen.anyOf(Gen.doubleBits(), Gen.finiteDoubles()).next(r));
        }
      }
      int events = r.nextInt(20);
      for (int i = 0; i < events; i++) {
        b.event(types.get(r.nextInt(types.size())), data.asOf().minusSeconds(r.nextLong(0, 400L * 86_400)),
            r.nextBoolean() ? r.nextInt(0, 10) : Integer.MAX_VALUE - r.nextInt(3));
      }
      return b.build();
    };
    PropertyCheck.forAll(2000, leads, lead -> {
      Outcome<Score> o = Fuzz.attempt(t, lead.attributes() + " " + lead.events(), () -> scorer.score(lead, data.asOf()));
      if (o.ok()) {
        assertSane(o.value());
      }
    });
    t.assertClean();
  }

  @Test
  void millionsOfEvents() {
    List<String> types = new ArrayList<>(schema.schema().eventTypes());
    Instant[] at = new Instant[400];
    for (int i = 0; i < at.length; i++) {
      at[i] = data.asOf().minusSeconds(86_400L * i + 17);
    }
    Lead.Builder b = Lead.builder("many");
    int n = 2_000_000;
    for (int i = 0; i < n; i++) {
      b.event(types.get(i % types.size()), at[i % at.length], 1 + (i & 3));
    }
    Lead lead = b.build();
    long start = System.nanoTime();
    Score s = scorer.score(lead, data.asOf());
    RuleScore r = scorer.evaluate(lead, data.asOf(), LeadScorer.Detail.SCORE_ONLY);
    System.out.printf("[hardening] RuleScorer.score on one lead with %,d events: %.2f s, score %.2f%n", n,
        (System.nanoTime() - start) / 1e9, s.score());
    assertSane(s);
    assertTrue(Double.isFinite(r.points()));
  }

  @Test
  void leadsWithOnlyAnIdScoreAtTheBase() {
    System.out.println("[hardening] RuleScorer on leads with only an id / only absent values: 2 leads x 3 instants");
    for (Instant asOf : List.of(data.asOf(), Instant.EPOCH, Instant.parse("+290000000-01-01T00:00:00Z"))) {
      Score s = scorer.score(Lead.builder("only-id").build(), asOf);
      assertSane(s);
      Score s2 = scorer.score(Lead.builder("absent").absent("company_size").text("job_title", "").absent("industry").build(), asOf);
      assertSane(s2);
    }
  }

  /** The JSON reader accepts any ISO-8601 instant, up to Instant.MAX; the scorer must then score the lead. */
  private static final String END_OF_TIME = "{\"id\":\"far\",\"events\":[{\"type\":\"pricing_page_visit\","
      + "\"at\":\"+1000000000-12-31T23:59:59Z\"},{\"type\":\"demo_request\",\"at\":\"-1000000000-01-01T00:00:00Z\"}]}";

  @Test
  void eventsAtTheEndsOfTimeAreScored() {
    Lead far = dev.leadscore.core.io.LeadJson.readLead(END_OF_TIME);
    assertSane(scorer.score(far, data.asOf()));
    assertSane(scorer.score(Lead.builder("min").event("webinar_attended", Instant.MIN).build(), data.asOf()));
  }

  @Test
  void oneLeadAtTheEndsOfTimeDoesNotLoseTheBatch() {
    List<Lead> batch = List.of(data.leads().get(0).lead(), dev.leadscore.core.io.LeadJson.readLead(END_OF_TIME),
        data.leads().get(1).lead());
    dev.leadscore.core.BatchResult r = scorer.scoreAll(batch, data.asOf(), LeadScorer.Detail.EXPLAINED);
    assertEquals(3, r.scores().size() + r.errors().size(), "every lead is scored or reported");
    assertTrue(r.scores().size() >= 2, "the two ordinary leads are scored");
  }

  @Test
  void scoringAtTheEndsOfTime() {
    for (Instant asOf : List.of(Instant.MIN, Instant.MAX)) {
      assertSane(scorer.score(Lead.builder("only-id").build(), asOf));
      assertSane(scorer.score(data.leads().get(0).lead(), asOf));
    }
  }

  @Test
  void textThatCannotBeReadIsALeadDataExceptionNamingTheField() {
    System.out.println("[hardening] RuleScorer on unreadable values (text / boolean in a numeric attribute): 2 cases, LeadDataException");
    Lead bad = Lead.builder("bad").text("company_size", "twelve").build();
    LeadDataException e = org.junit.jupiter.api.Assertions.assertThrows(LeadDataException.class, () -> scorer.score(bad, data.asOf()));
    assertTrue(e.getMessage().contains("bad") && e.getMessage().contains("company_size") && e.getMessage().contains("twelve"),
        e.getMessage());
    Lead bool = Lead.builder("bool").bool("annual_revenue", true).build();
    LeadDataException e2 = org.junit.jupiter.api.Assertions.assertThrows(LeadDataException.class, () -> scorer.score(bool, data.asOf()));
    assertTrue(e2.getMessage().contains("annual_revenue"), e2.getMessage());
  }

  private static String ruleSet(String scale, String points, String base) {
    return "{\"format\":\"leadscore.rule-set\",\"formatVersion\":1,\"name\":\"extreme\",\"version\":1,\"base\":" + base
        + (scale == null ? "" : ",\"scale\":" + scale) + ",\"rules\":["
        + "{\"kind\":\"boolean\",\"id\":\"dm\",\"feature\":\"decision_maker\",\"ifTrue\":" + points + ",\"ifFalse\":0},"
        + "{\"kind\":\"bands\",\"id\":\"size\",\"feature\":\"company_size\",\"bands\":[{\"to\":10,\"points\":-" + points
        + "},{\"from\":10,\"points\":" + points + "}]},"
        + "{\"kind\":\"events\",\"id\":\"pricing\",\"eventTypes\":[\"pricing_page_visit\"],\"pointsPerEvent\":" + points
        + ",\"decay\":{\"type\":\"none\"},\"maxEvents\":1000000}]}";
  }

  /** Rule sets with points up to the limit, and beyond it (refused when bound, naming the rule). */
  @Test
  void extremePointsAreScoredInRangeOrRefusedWhenBound() {
    Tally t = new Tally("RuleSet/RuleScorer extreme points");
    Lead hot = Lead.builder("hot").bool("decision_maker", true).number("company_size", 1e308)
        .event("pricing_page_visit", data.asOf().minusSeconds(60), Integer.MAX_VALUE).build();
    Lead cold = Lead.builder("cold").bool("decision_maker", false).number("company_size", -1e308).build();
    for (String points : List.of("0.000001", "1", "1000", "1e-300", "2000", "1e300", "1.7976931348623157e308")) {
      for (String base : List.of("0", "-1e300", "2147483647")) {
        String json = ruleSet(null, points, base);
        Outcome<RuleScorer> o = Fuzz.attempt(t, json, () -> RuleScorer.of(RuleSet.fromJson(json), schema), RuleSetException.class);
        if (o.ok()) {
          for (Lead l : List.of(hot, cold, Lead.builder("only-id").build())) {
            assertSane(o.value().score(l, data.asOf()));
          }
        } else if (!o.thrown().getMessage().contains("rule")) {
          t.fail("refusal names no rule: " + o.thrown().getMessage());
        }
      }
    }
    t.assertClean();
  }

  /**
   * A declared scale whose width overflows a double ({@code ceiling - floor > Double.MAX_VALUE})
   * is accepted, so it must still map points between floor and ceiling into (0, 100): a lead
   * with 0 points sits half-way between -1e308 and 1e308 and must score 50.
   */
  @Test
  void hugeDeclaredScaleStillNormalises() {
    String json = ruleSet("{\"floor\":-1e308,\"ceiling\":1e308}", "10", "0");
    RuleScorer s = RuleScorer.of(RuleSet.fromJson(json), schema);
    Score mid = s.score(Lead.builder("zero").bool("decision_maker", false).number("company_size", 5).build(), data.asOf());
    assertEquals(50.0, mid.score(), 1e-6, "0 points between floor -1e308 and ceiling 1e308");
  }

  @Test
  void hugeDeclaredScaleStaysInRange() {
    System.out.println("[hardening] RuleScorer with declared scales of extreme width (+-1e308, +-MAX_VALUE, 4.9e-324, +-1e-300): 4 x 2 leads");
    for (String scale : List.of("{\"floor\":-1e308,\"ceiling\":1e308}", "{\"floor\":-1.7976931348623157e308,\"ceiling\":1.7976931348623157e308}",
        "{\"floor\":0,\"ceiling\":4.9e-324}", "{\"floor\":-1e-300,\"ceiling\":1e-300}")) {
      RuleScorer s = RuleScorer.of(RuleSet.fromJson(ruleSet(scale, "10", "0")), schema);
      for (Lead l : List.of(Lead.builder("a").bool("decision_maker", true).build(), Lead.builder("b").build())) {
        assertSane(s.score(l, data.asOf()));
      }
    }
  }
}
