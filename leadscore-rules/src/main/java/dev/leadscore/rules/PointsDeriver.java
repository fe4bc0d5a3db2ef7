package dev.leadscore.rules;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Sets a rule set's points from labelled history: each scored slot gets points proportional to
 * its univariate smoothed log-odds (see {@link RuleSet#derivePoints}). Stateless.
 */
final class PointsDeriver {
  private PointsDeriver() {}

  /** Pseudo-leads of smoothing toward the overall rate. */
  static final double SMOOTHING = 10.0;
  /** Fewest leads earning a bonus for its multiplier to be derived. */
  static final int MIN_BONUS_LEADS = 10;
  static final double MIN_MULTIPLIER = 0.5;
  static final double MAX_MULTIPLIER = 3.0;

  static RuleSet derive(RuleSet template, FittedSchema schema, List<LabelledLead> training, Instant asOf,
      double pointsPerLogOdds) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(training, "training");
    Objects.requireNonNull(asOf, "asOf");
    if (!(pointsPerLogOdds > 0) || !Double.isFinite(pointsPerLogOdds)) {
      throw new IllegalArgumentException("pointsPerLogOdds must be finite and > 0, got " + pointsPerLogOdds);
    }
    int n = training.size();
    int converted = 0;
    for (LabelledLead l : training) {
      converted += Objects.requireNonNull(l, "training lead").converted() ? 1 : 0;
    }
    if (converted == 0 || converted == n) {
      throw new IllegalArgumentException("deriving points needs converted and unconverted leads, got " + converted
          + " converted of " + n);
    }
    double p = converted / (double) n;
    RuleScorer scorer = RuleScorer.of(template, schema);
    List<Rule> rules = template.rules();
    long asOfMillis = CompiledRule.epochMillis(asOf);

    // One extraction per lead; per rule, the slot each lead falls in (or the counted events).
    int r = rules.size();
    int[][] slot = new int[r][n];
    double[][] counted = new double[r][n];
    CompiledRule.Scratch scratch = new CompiledRule.Scratch();
    double[] row = new double[schema.width()];
    for (int j = 0; j < n; j++) {
      // Events rules age in whole milliseconds: drop events after asOf inside asOf's millisecond, as scoring does.
      Lead lead = RuleScorer.atAsOf(training.get(j).lead(), asOf);
      schema.extract(lead, asOf, row);
      scorer.route(lead, scratch);
      for (int i = 0; i < r; i++) {
        CompiledRule c = scorer.compiled(i);
        if (c instanceof AttributeRule a) {
          slot[i][j] = a.slot(lead, asOf, row);
        } else if (c instanceof EventsRule e) {
          counted[i][j] = e.countedWeight(lead, asOfMillis, scratch, scratch.start[i], scratch.start[i + 1]);
        }
      }
    }

    List<Rule> derived = new ArrayList<>(r);
    for (int i = 0; i < r; i++) {
      Rule rule = rules.get(i);
      CompiledRule c = scorer.compiled(i);
      if (rule instanceof Rule.Levels lv) {
        Map<String, Double> points = new LinkedHashMap<>();
        LevelsRule lc = (LevelsRule) c;
        for (Map.Entry<String, Double> e : lv.points().entrySet()) {
          int s = lc.slotOf(e.getKey());
          points.put(e.getKey(), s < 0 ? e.getValue() : points(slotSignal(slot[i], training, s, p), pointsPerLogOdds));
        }
        derived.add(new Rule.Levels(lv.id(), lv.feature(), points, lv.reasons()));
      } else if (rule instanceof Rule.Bands b) {
        List<Rule.Band> bands = new ArrayList<>();
        for (int k = 0; k < b.bands().size(); k++) {
          Rule.Band band = b.bands().get(k);
          bands.add(new Rule.Band(band.from(), band.to(), points(slotSignal(slot[i], training, k, p), pointsPerLogOdds)));
        }
        derived.add(new Rule.Bands(b.id(), b.feature(), bands, b.reasons()));
      } else if (rule instanceof Rule.Flag f) {
        derived.add(new Rule.Flag(f.id(), f.feature(), points(slotSignal(slot[i], training, 1, p), pointsPerLogOdds),
            points(slotSignal(slot[i], training, 0, p), pointsPerLogOdds), f.reasons()));
      } else if (rule instanceof Rule.Events e) {
        int active = 0;
        int activeConverted = 0;
        double weight = 0;
        for (int j = 0; j < n; j++) {
          if (counted[i][j] > 0) {
            active++;
            activeConverted += training.get(j).converted() ? 1 : 0;
            weight += counted[i][j];
          }
        }
        double perEvent = active == 0 ? 0.0
            : pointsPerLogOdds * signal(activeConverted, active, p) / (weight / active);
        derived.add(new Rule.Events(e.id(), e.eventTypes(), round(perEvent, 10), e.decay(), e.windowDays(), e.maxEvents(),
            e.reasons()));
      } else {
        derived.add(rule); // bonuses: below, once their parts have their new points
      }
    }

    RuleSet withParts = RuleSet.create(template.name(), template.version() + 1, template.description(), 0.0, null, derived,
        template.policy());
    if (rules.stream().anyMatch(x -> x instanceof Rule.Bonus)) {
      RuleScorer partsScorer = RuleScorer.of(withParts, schema);
      int[] earnedCount = new int[r];
      int[] earnedConverted = new int[r];
      double[] partsSum = new double[r];
      for (LabelledLead l : training) {
        double[] pts = partsScorer.rulePoints(l.lead(), asOf);
        for (int i = 0; i < r; i++) {
          if (partsScorer.compiled(i) instanceof BonusRule b && b.earned(pts)) {
            earnedCount[i]++;
            earnedConverted[i] += l.converted() ? 1 : 0;
            partsSum[i] += b.partsSum(pts);
          }
        }
      }
      for (int i = 0; i < r; i++) {
        if (rules.get(i) instanceof Rule.Bonus b && earnedCount[i] >= MIN_BONUS_LEADS) {
          double deserved = pointsPerLogOdds * signal(earnedConverted[i], earnedCount[i], p);
          double given = partsSum[i] / earnedCount[i];
          double m = given > 0 ? Points.clamp(deserved / given, MIN_MULTIPLIER, MAX_MULTIPLIER) : b.multiplier();
          derived.set(i, new Rule.Bonus(b.id(), b.parts(), Math.max(MIN_MULTIPLIER, round(m, 20)), b.text()));
        }
      }
    }
    String note = "Points derived from " + n + " labelled leads (" + converted + " converted) as of " + asOf + ", "
        + pointsPerLogOdds + " points per unit of smoothed log-odds, from " + template.name() + " v" + template.version() + ".";
    String description = template.description().isEmpty() ? note : template.description() + " " + note;
    return RuleSet.create(template.name(), template.version() + 1, description, 0.0, null, derived, template.policy());
  }

  /** The smoothed log-odds of the leads in {@code slot}, relative to the overall rate. */
  private static double slotSignal(int[] slots, List<LabelledLead> training, int slot, double p) {
    int count = 0;
    int conv = 0;
    for (int j = 0; j < slots.length; j++) {
      if (slots[j] == slot) {
        count++;
        conv += training.get(j).converted() ? 1 : 0;
      }
    }
    return signal(conv, count, p);
  }

  /** {@code logit((conv + m·p) / (n + m)) − logit(p)}. */
  static double signal(int conv, int count, double p) {
    double rate = (conv + SMOOTHING * p) / (count + SMOOTHING);
    return logit(rate) - logit(p);
  }

  private static double logit(double q) {
    return Math.log(q / (1 - q));
  }

  private static double points(double signal, double pointsPerLogOdds) {
    return round(pointsPerLogOdds * signal, 10);
  }

  /** Rounded to {@code 1/per}, never negative zero. */
  private static double round(double v, int per) {
    return Math.round(v * per) / (double) per + 0.0;
  }
}
