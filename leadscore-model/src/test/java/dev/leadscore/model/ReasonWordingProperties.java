package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.Lead;
import dev.leadscore.core.Reason;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.EmailDomainFeature;
import dev.leadscore.core.schema.EventCountFeature;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.schema.OrdinalFeature;
import dev.leadscore.core.schema.ReasonTemplates;
import dev.leadscore.core.schema.RecencyFeature;
import dev.leadscore.core.schema.TitleSeniorityFeature;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * No reason contradicts the lead's value, over every feature kind, level and sign: for random
 * leads (values missing, zero, one, a few, many; every level, unseen and missing levels) and
 * random weights of either sign on every column, each reason's sentence is what the lead's value
 * says (checked against the raw value by the rules stated here, not by calling the renderer), and
 * is the same sentence when every weight changes sign.
 */
class ReasonWordingProperties {
  private static final Instant AS_OF = Instant.parse("2026-03-01T00:00:00Z");
  private static final List<String> LEVELS = List.of("software", "retail", "health care");

  private static FeatureInfo info(String name, ReasonTemplates t) {
    return new FeatureInfo(name, FeatureInfo.FIRMOGRAPHIC, t, false);
  }

  private static FittedSchema schema() {
    Map<String, Double> stage = new LinkedHashMap<>();
    stage.put("No budget", 0.0);
    stage.put("Approved", 1.0);
    List<Lead> training = new ArrayList<>();
    for (int i = 0; i < 9; i++) { // company sizes 10..90: median 50
      training.add(Lead.builder("t" + i).number("employees", 10 * (i + 1)).text("industry", LEVELS.get(i % 3)).build());
    }
    return FeatureSchema.of("wording", 1,
        new NumericFeature(info("size", ReasonTemplates.of("Company of {value}", "Size unknown").withUnit("employees", null)),
            "employees", false, 0, 1e6, Imputation.median(), true, List.of("n/a")),
        new BooleanFeature(info("dnc", ReasonTemplates.yesNo("Asked not to be called", "Agreed to be called", "Call consent unknown")),
            "dnc", Imputation.constant(0), true, List.of("n/a")),
        new CategoricalFeature(info("industry", ReasonTemplates.of("Works in {value}", "Industry unknown")),
            "industry", LEVELS, 1, true, List.of("n/a")),
        new OrdinalFeature(info("stage", ReasonTemplates.of("Budget: {value}", "Budget unknown")), "stage", stage,
            Imputation.constant(0), true, List.of("n/a")),
        new TitleSeniorityFeature(info("title", ReasonTemplates.of("Seniority: {value}", "Title unknown")), "title",
            List.of("n/a")),
        new EmailDomainFeature(info("domain", ReasonTemplates.of("Uses a {value} address", "No address")), "email",
            List.of(), List.of("rival.com")),
        new EventCountFeature(info("demos", ReasonTemplates.of("{value} in 30 days", "Demos unknown").withUnit("demo requests", null)),
            List.of("demo"), 30, Decay.halfLife(7), 100, true),
        new EventCountFeature(info("trials", ReasonTemplates.of("{value} for a trial", "Trials unknown")
            .withNone("Has not signed up for a trial").withUnit("sign-ups", null)), List.of("trial"), 1e9, Decay.none(), 1, false),
        new RecencyFeature(info("recent", ReasonTemplates.of("Last seen {value}", "Never seen")), List.of("demo", "trial"),
            90, true)).fit(training);
  }

  private static final FittedSchema SCHEMA = schema();

  /** A lead and the raw facts its reasons must state. */
  record Case(Lead lead, Map<String, Object> facts, long seed) {
    @Override
    public String toString() {
      return lead.id() + " " + facts + " weights seed " + seed;
    }
  }

  private static final Gen<Case> CASES = r -> {
    Lead.Builder b = Lead.builder("L" + r.nextInt(1_000_000));
    Map<String, Object> facts = new HashMap<>();
    int size = r.nextInt(6);
    double v = size == 0 ? Double.NaN : size == 1 ? 0 : size == 2 ? 1 : size == 3 ? 50 : r.nextInt(2000);
    if (size == 0) {
      b.text("employees", "n/a");
    } else {
      b.number("employees", v);
    }
    facts.put("size", v);
    int dnc = r.nextInt(3);
    if (dnc < 2) {
      b.bool("dnc", dnc == 1);
    }
    facts.put("dnc", dnc);
    String industry = List.of("software", "RETAIL", "  Health   Care ", "mining", "n/a").get(r.nextInt(5));
    b.text("industry", industry);
    facts.put("industry", industry);
    String stage = List.of("No  Budget", "approved", "n/a").get(r.nextInt(3));
    b.text("stage", stage);
    facts.put("stage", stage);
    b.text("title", List.of("CEO", "VP Sales", "Marketing Manager", "Engineer", "n/a").get(r.nextInt(5)));
    b.text("email", List.of("a@acme.com", "b@gmail.com", "c@rival.com").get(r.nextInt(3)));
    int demos = r.nextInt(5);
    for (int i = 0; i < demos; i++) {
      b.event("demo", AS_OF.minusSeconds(86_400L * (1 + r.nextInt(20))));
    }
    facts.put("demos", (long) demos);
    int trials = r.nextInt(3);
    for (int i = 0; i < trials; i++) {
      b.event("trial", AS_OF.minusSeconds(86_400L * (40 + r.nextInt(20))));
    }
    facts.put("trials", (long) trials);
    return new Case(b.build(), facts, r.nextLong());
  };

  private static ModelScorer scorer(long seed, double sign) {
    SplittableRandom r = new SplittableRandom(seed);
    double[] w = new double[SCHEMA.width()];
    for (int j = 0; j < w.length; j++) {
      w[j] = sign * (r.nextBoolean() ? 1 : -1) * (0.05 + r.nextDouble());
    }
    List<Lead> background = List.of(Lead.builder("b1").number("employees", 50).build(),
        Lead.builder("b2").bool("dnc", true).text("industry", "retail").event("demo", AS_OF.minusSeconds(86_400)).build());
    return ModelScorer.of("wording", "1", LinearModel.of(SCHEMA, 0.1, w, Background.ofLeads(SCHEMA, background, AS_OF)),
        TierCutoffs.of(80, 60, 30)).withMateriality(0);
  }

  private static Map<String, String> texts(Explanation e) {
    Map<String, String> m = new HashMap<>();
    for (Reason r : e.contributions()) {
      m.put(r.feature(), r.text());
    }
    return m;
  }

  @Test
  void noReasonContradictsTheLeadsValueWhicheverWayItMovedTheScore() {
    PropertyCheck.forAll(300, CASES, c -> {
      Explanation up = scorer(c.seed(), 1).score(c.lead(), AS_OF).explanation().orElseThrow();
      Explanation down = scorer(c.seed(), -1).score(c.lead(), AS_OF).explanation().orElseThrow();
      Map<String, String> a = texts(up);
      Map<String, String> b = texts(down);
      for (String f : a.keySet()) {
        if (b.containsKey(f)) {
          assertEquals(a.get(f), b.get(f), f + ": the sentence depends on the sign of the contribution");
        }
      }
      for (Reason r : up.contributions()) {
        check(r, c.facts());
        assertTrue(r.direction() == (r.contribution() > 0 ? Reason.Direction.RAISES : Reason.Direction.LOWERS), r.toString());
      }
    });
  }

  private static void check(Reason r, Map<String, Object> facts) {
    String t = r.text();
    switch (r.feature()) {
      case "size": {
        double v = (Double) facts.get("size");
        if (Double.isNaN(v)) {
          assertEquals("Size unknown", t);
        } else if (v == 0) {
          assertEquals("Company of no employees (below the typical 50 employees)", t);
        } else if (v == 1) {
          assertEquals("Company of 1 employee (below the typical 50 employees)", t);
        } else {
          String n = Long.toString((long) v);
          assertEquals("Company of " + n + " employees" + (v == 50 ? " (typical)"
              : v > 50 ? " (above the typical 50 employees)" : " (below the typical 50 employees)"), t);
        }
        break;
      }
      case "dnc": {
        int d = (Integer) facts.get("dnc");
        assertEquals(d == 2 ? "Call consent unknown" : d == 1 ? "Asked not to be called" : "Agreed to be called", t);
        break;
      }
      case "industry": {
        String raw = ((String) facts.get("industry")).strip().toLowerCase().replaceAll("\\s+", " ");
        assertEquals(raw.equals("n/a") ? "Industry unknown"
            : "Works in " + Character.toUpperCase(raw.charAt(0)) + raw.substring(1), t);
        break;
      }
      case "stage": {
        String raw = (String) facts.get("stage");
        assertEquals(raw.equals("n/a") ? "Budget unknown" : raw.startsWith("No") ? "Budget: No budget" : "Budget: Approved", t);
        break;
      }
      case "demos": {
        long n = (Long) facts.get("demos");
        assertEquals(n == 0 ? "No demo requests in 30 days" : n == 1 ? "1 demo request in 30 days" : n + " demo requests in 30 days", t);
        break;
      }
      case "trials": {
        long n = (Long) facts.get("trials");
        assertEquals(n == 0 ? "Has not signed up for a trial" : n == 1 ? "1 sign-up for a trial" : n + " sign-ups for a trial", t);
        break;
      }
      default:
        assertTrue(!t.contains("{value}") && Character.isUpperCase(t.charAt(0)), t);
    }
  }
}
