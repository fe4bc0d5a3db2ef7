package dev.leadscore.model;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadDataException;
import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.schema.BooleanFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.NumericFeature;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The search behind {@link ModelScorer#nextTierMoves}: for each actionable feature, the smallest
 * change of that one feature that lifts the lead into a more urgent tier, each candidate checked by
 * re-scoring the changed lead with the real extraction. Not thread-safe: every re-scoring writes
 * one row buffer the instance owns, so {@link ModelScorer#nextTierMoves} makes one instance per
 * search.
 */
final class Moves {
  private static final String[] NUMBERS = {"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"};
  private static final Comparator<Move> ORDER = Comparator.comparingInt(Move::effort)
      .thenComparing(Comparator.comparingDouble(Move::newScore).reversed())
      .thenComparing(Move::feature)
      .thenComparing(Move::change);

  private final ModelScorer scorer;
  private final FittedSchema schema;
  /** One row buffer for every re-scoring of this search (not the lead's own row). */
  private final double[] scratch;

  Moves(ModelScorer scorer) {
    this.scorer = scorer;
    this.schema = scorer.schema();
    this.scratch = new double[schema.width()];
  }

  List<Move> find(Lead lead, Instant asOf) {
    double[] row = schema.extract(lead, asOf);
    Tier current = scorer.tierOfRow(lead, row);
    List<Move> out = new ArrayList<>();
    if (current == Tier.HOT || nextCutoff(scorer.cutoffs(), current) == TierCutoffs.EMPTY_TIER) {
      return out;
    }
    for (FeatureSpec spec : schema.schema().features()) {
      if (!spec.info().actionable()) {
        continue;
      }
      // The lever says what a rep could change; its Javadoc guarantees the record's class.
      // Categorical, ordinal, title and e-mail features describe who the lead is; interaction
      // features move through their parents: their lever is NONE and nothing is suggested.
      switch (spec.offers().lever()) {
        case EVENTS:
          eventMove(lead, asOf, spec, current, out);
          break;
        case YES_NO:
          booleanMove(lead, asOf, row, (BooleanFeature) spec, current, out);
          break;
        case NUMBER:
          numericMove(lead, asOf, row, (NumericFeature) spec, current, out);
          break;
        default:
          break;
      }
    }
    out.sort(ORDER);
    return List.copyOf(out);
  }

  /** The score a lead in {@code tier} must reach to be in the next more urgent tier. */
  static double nextCutoff(TierCutoffs c, Tier tier) {
    switch (tier) {
      case SUPPRESS:
        return c.nurture();
      case NURTURE:
        return c.warm();
      case WARM:
        return c.hot();
      default:
        return TierCutoffs.EMPTY_TIER;
    }
  }

  // ---------------------------------------------------------------- events

  /** The fewest events of one of the feature's types that do it (ties: the type declared first). */
  private void eventMove(Lead lead, Instant asOf, FeatureSpec spec, Tier current, List<Move> out) {
    Move best = null;
    for (String type : spec.eventTypes()) {
      Lead.Builder b = lead.toBuilder();
      int limit = best == null ? ModelScorer.MAX_ADDED_EVENTS : best.addedEvents() - 1;
      for (int k = 1; k <= limit; k++) {
        b.event(type, asOf);
        Lead changed = b.build();
        double score = scorer.scoreValue(changed, asOf, scratch);
        Tier tier = scorer.cutoffs().tierOf(score);
        if (tier.compareTo(current) < 0) {
          best = new Move(spec.name(), eventWords(type, k), type, k, changed, score, tier);
          break;
        }
      }
    }
    if (best != null) {
      out.add(best);
    }
  }

  static String eventWords(String type, int k) {
    String words = type.replace('_', ' ').replace('-', ' ').trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    return k == 1 ? "one more " + words : number(k) + " more " + plural(words);
  }

  private static String number(int k) {
    return k < NUMBERS.length ? NUMBERS[k] : Integer.toString(k);
  }

  static String plural(String words) {
    if (words.endsWith("ed")) {
      return words + " events";
    }
    if (words.endsWith("s") || words.endsWith("x") || words.endsWith("z") || words.endsWith("ch") || words.endsWith("sh")) {
      return words + "es";
    }
    if (words.endsWith("y") && words.length() > 1 && "aeiou".indexOf(words.charAt(words.length() - 2)) < 0) {
      return words.substring(0, words.length() - 1) + "ies";
    }
    return words + "s";
  }

  // ---------------------------------------------------------------- values

  private void booleanMove(Lead lead, Instant asOf, double[] row, BooleanFeature f, Tier current, List<Move> out) {
    String was = schema.displayValue(lead, asOf, schema.featureIndex(f.name()), row);
    boolean[] candidates = was == null ? new boolean[] {true, false} : new boolean[] {!"yes".equals(was)};
    for (boolean v : candidates) {
      Lead changed = lead.toBuilder().bool(f.attribute(), v).build();
      double score = scorer.scoreValue(changed, asOf, scratch);
      Tier tier = scorer.cutoffs().tierOf(score);
      if (tier.compareTo(current) < 0) {
        out.add(new Move(f.name(), label(f.name()) + " " + (v ? "yes" : "no") + " instead of " + (was == null ? "unknown" : was),
            null, 0, changed, score, tier));
        return;
      }
    }
  }

  /**
   * Closed form: with every other column fixed the logit is linear in the feature's value column
   * {@code x} (unless a product column squares it, then the feature is skipped), so the value
   * that reaches the target logit is {@code x* = x0 + (z* − z(x0)) / slope}; mapped back through
   * the log transform and rounded outwards to a readable number, then verified by re-scoring.
   */
  private void numericMove(Lead lead, Instant asOf, double[] row, NumericFeature f, Tier current, List<Move> out) {
    int valueCol = -1;
    int flagCol = -1;
    for (Column c : schema.columns()) {
      if (c.feature().equals(f.name())) {
        if (c.role() == Column.Role.VALUE) {
          valueCol = c.index();
        } else if (c.role() == Column.Role.MISSING_FLAG) {
          flagCol = c.index();
        }
      }
    }
    for (int j = 0; j < schema.width(); j++) {
      if (schema.productLeft(j) == valueCol && schema.productRight(j) == valueCol) {
        return; // quadratic in the value: no closed form
      }
    }
    double targetScore = nextCutoff(scorer.cutoffs(), current);
    double zStar = scorer.logitReaching(targetScore);
    if (Double.isNaN(zStar)) {
      return; // the calibration never reaches the next tier
    }
    double x0 = row[valueCol];
    double z0 = logitWithValue(row, valueCol, flagCol, x0);
    double slope = logitWithValue(row, valueCol, flagCol, x0 + 1) - z0;
    if (!(slope != 0) || !Double.isFinite(slope)) {
      return;
    }
    double xStar = x0 + (zStar - z0) / slope;
    double raw = f.log1p() ? Math.signum(xStar) * Math.expm1(Math.abs(xStar)) : xStar;
    boolean up = slope > 0;
    String was = schema.displayValue(lead, asOf, schema.featureIndex(f.name()), row);
    for (int attempt = 0; attempt < 4; attempt++) {
      double r = nice(raw, up, attempt);
      if (!(r >= f.clipMin() && r <= f.clipMax()) || !Double.isFinite(r)) {
        return; // clipping stops the value before it reaches the next tier
      }
      Lead changed = lead.toBuilder().number(f.attribute(), r).build();
      double score;
      try {
        score = scorer.scoreValue(changed, asOf, scratch);
      } catch (LeadDataException e) {
        return;
      }
      Tier tier = scorer.cutoffs().tierOf(score);
      if (tier.compareTo(current) < 0) {
        out.add(new Move(f.name(), label(f.name()) + " " + format(r) + " instead of " + (was == null ? "unknown" : was),
            null, 0, changed, score, tier));
        return;
      }
    }
  }

  /** The logit with the value column set to {@code x}, the missing flag cleared and products recomputed. */
  private double logitWithValue(double[] row, int valueCol, int flagCol, double x) {
    double[] r = row.clone();
    r[valueCol] = x;
    if (flagCol >= 0) {
      r[flagCol] = 0;
    }
    for (int j = 0; j < schema.width(); j++) {
      if (schema.productLeft(j) >= 0) {
        r[j] = r[schema.productLeft(j)] * r[schema.productRight(j)];
      }
    }
    return scorer.logit(r);
  }

  /**
   * {@code raw} rounded outwards (up when the score rises with the value) to a readable number:
   * a whole number when {@code |raw| >= 1}, else two decimals; each further attempt moves one more
   * unit of that grid outwards.
   */
  static double nice(double raw, boolean up, int attempt) {
    double unit = Math.abs(raw) >= 1 ? 1.0 : 0.01;
    double steps = raw / unit;
    double rounded = (up ? Math.ceil(steps - 1e-9) + attempt : Math.floor(steps + 1e-9) - attempt);
    return BigDecimal.valueOf(rounded).multiply(BigDecimal.valueOf(unit)).doubleValue();
  }

  static String format(double v) {
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
  }

  private static String label(String featureName) {
    return featureName.replace('_', ' ').replace('.', ' ').replace('-', ' ');
  }
}
