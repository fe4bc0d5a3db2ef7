package dev.leadscore.rules;

import static dev.leadscore.rules.Fixtures.AS_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leadscore.core.ActivityEvent;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer;
import dev.leadscore.core.Reason;
import dev.leadscore.core.schema.Decay;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The scorer buckets a lead's events by type once per score and gives each events rule only its
 * own bucket. That must give bit for bit the points of the unbucketed path, where every events rule
 * tests every event's type.
 */
class EventBucketingProperties {
  private static final FittedSchema SCHEMA = Fixtures.fitted();

  private static void assertSamePoints(RuleScorer s, Lead lead, Instant asOf) {
    double[] bucketed = s.rulePoints(lead, asOf);
    double[] reference = s.rulePointsUnbucketed(lead, asOf);
    assertEquals(reference.length, bucketed.length);
    for (int i = 0; i < reference.length; i++) {
      int rule = i;
      assertEquals(Double.doubleToRawLongBits(reference[i]), Double.doubleToRawLongBits(bucketed[i]),
          () -> "rule " + rule + " (" + s.ruleSet().rules().get(rule).id() + "): unbucketed " + reference[rule]
              + ", bucketed " + bucketed[rule] + " on " + lead);
    }
  }

  /** The rich structure plus events rules whose types overlap the others' (a type read by up to 3 rules). */
  private static Gen<RuleSet> overlapping() {
    return r -> {
      RuleSet base = RuleScorerProperties.ruleSets().next(r);
      List<Rule> rules = new ArrayList<>(base.rules());
      rules.add(new Rule.Events("all_email_and_pricing", List.of("email_click", "pricing_page_visit", "email_open"),
          Gen.doubles(-20, 20).next(r), Decay.halfLife(Gen.doubles(0.5, 200).next(r)), 1 + r.nextInt(400),
          1 + r.nextInt(20), null));
      rules.add(Rule.Events.of("clicks", "email_click", Gen.doubles(-20, 20).next(r), Decay.standardSteps(),
          Double.POSITIVE_INFINITY, 1 + r.nextInt(5)));
      rules.add(new Rule.Events("site", List.of("site_visit", "careers_page_visit", "pricing_page_visit"),
          Gen.doubles(-20, 20).next(r), Decay.none(), 30, 1 + r.nextInt(8), null));
      return RuleSet.create(base.name(), base.version(), base.description(), base.base(), base.scale().orElse(null),
          rules, base.policy());
    };
  }

  /** Leads from the rules' generator, with some events at the ends of time (the unpacked sort path). */
  private static Gen<Lead> leads() {
    Gen<Lead> plain = RuleScorerProperties.leads();
    return r -> {
      Lead lead = plain.next(r);
      if (r.nextInt(5) > 0) {
        return lead;
      }
      Lead.Builder b = lead.toBuilder();
      int extra = 1 + r.nextInt(4);
      for (int i = 0; i < extra; i++) {
        String type = RuleScorerProperties.EVENT_TYPES[r.nextInt(RuleScorerProperties.EVENT_TYPES.length)];
        Instant at = r.nextBoolean() ? Instant.MIN : Instant.ofEpochSecond(-r.nextLong(1L << 40));
        b.event(new ActivityEvent(type, at, r.nextInt(4)));
      }
      return b.build();
    };
  }

  @Test
  void bucketedPointsAreBitIdenticalToTheUnbucketedPath() {
    PropertyCheck.forAll(500, Gen.zip(RuleScorerProperties.ruleSets(), Gen.lists(leads(), 1, 8),
        PropertyCheck.Pair::new), p -> {
          RuleScorer s = RuleScorer.of(p.a(), SCHEMA);
          for (Lead lead : p.b()) {
            assertSamePoints(s, lead, AS_OF);
          }
        });
  }

  @Test
  void sameWhenSeveralRulesReadOneType() {
    PropertyCheck.forAll(500, Gen.zip(overlapping(), Gen.lists(leads(), 1, 8), PropertyCheck.Pair::new), p -> {
      RuleScorer s = RuleScorer.of(p.a(), SCHEMA);
      for (Lead lead : p.b()) {
        assertSamePoints(s, lead, AS_OF);
        assertSamePoints(s, lead, AS_OF.minusSeconds(86_400L * 20));
        assertSamePoints(s, lead, FAR_AS_OF);
      }
    });
  }

  /** Beyond EventTally.MAX_AGE_MILLIS from 1970: the raw-events path for every lead. */
  private static final Instant FAR_AS_OF = Instant.parse("+40000-01-01T00:00:00Z");

  /**
   * An explained events rule's value is its occurrences in the window at or before asOf, to the
   * nanosecond: counted from what extraction handed over, it must equal the count over the raw
   * events, including an event a few nanoseconds after asOf in asOf's own millisecond.
   */
  @Test
  void explainedOccurrencesAreTheRawEventsInTheWindow() {
    PropertyCheck.forAll(300, Gen.zip(overlapping(), Gen.lists(leads(), 1, 6), PropertyCheck.Pair::new), p -> {
      RuleScorer s = RuleScorer.of(p.a(), SCHEMA);
      for (Lead plain : p.b()) {
        Lead lead = plain.toBuilder().event(new ActivityEvent("email_click", AS_OF.plusNanos(300), 2))
            .event(new ActivityEvent("pricing_page_visit", AS_OF, 1)).build();
        for (Instant asOf : List.of(AS_OF, AS_OF.minusSeconds(86_400L * 20), FAR_AS_OF)) {
          Lead.Builder b = Lead.builder(lead.id());
          lead.events().stream().filter(e -> !e.at().isAfter(asOf)).forEach(b::event);
          Lead past = b.build();
          List<Reason> reasons = s.evaluate(lead, asOf, LeadScorer.Detail.EXPLAINED).score().explanation()
              .orElseThrow().contributions();
          for (int i = 0; i < s.ruleSet().rules().size(); i++) {
            if (s.compiled(i) instanceof EventsRule e) {
              String id = e.id;
              String expected = Long.toString(e.occurrences(past, CompiledRule.epochMillis(asOf)));
              Reason r = reasons.stream().filter(x -> x.feature().equals(id)).findFirst().orElseThrow();
              assertEquals(expected, r.value(), () -> "rule " + id + " at " + asOf + " on " + lead);
            }
          }
        }
      }
    });
  }

  /** The window in whole milliseconds is the window in days, compared as before, at and around its edge. */
  @Test
  void windowInMillisecondsIsTheWindowInDays() {
    Gen<Double> windows = r -> switch (r.nextInt(4)) {
      case 0 -> Gen.doubles(1e-9, 1).next(r);
      case 1 -> Gen.doubles(1, 400).next(r);
      case 2 -> (double) (1 + r.nextInt(1000));
      default -> Gen.doubles(1e6, 2e11).next(r);
    };
    PropertyCheck.forAll(2000, windows, w -> {
      long edge = EventsRule.windowMillis(w);
      for (long age = Math.max(0, edge - 3); age <= edge + 3 && age >= 0; age++) {
        assertEquals(age / CompiledRule.MILLIS_PER_DAY <= w, age <= edge, "window " + w + " days, age " + age + " ms");
      }
    });
    assertEquals(Long.MAX_VALUE, EventsRule.windowMillis(Double.POSITIVE_INFINITY));
  }

  @Test
  void sameForTheDefaultRuleSetOnSyntheticLeads() {
    SyntheticData data = SyntheticPipeline.builder().size(2000).seed(7).build().generate();
    FittedSchema fitted = SyntheticPipeline.defaultSchema().fit(data.unlabelled());
    RuleScorer s = RuleScorer.of(RuleSet.syntheticDefault(), fitted);
    Instant asOf = data.asOf();
    for (Lead lead : data.unlabelled()) {
      assertSamePoints(s, lead, asOf);
    }
  }
}
