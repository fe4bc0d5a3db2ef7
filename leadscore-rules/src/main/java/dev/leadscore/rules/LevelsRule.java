package dev.leadscore.rules;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.CategoricalFeature;
import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureOffers;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Points by one-hot level. */
final class LevelsRule extends AttributeRule {
  private final int[] cols;
  private final double[] slotPoints;
  /** Slot of the level that means "no value", or -1. */
  private final int missingSlot;
  /** Slot of {@code other} when missing values also land there (a categorical without a missing level), else -1. */
  private final int ambiguousOtherSlot;
  private final Map<String, Integer> slotOf;

  LevelsRule(Rule.Levels r, FittedSchema schema) {
    this(r, schema, resolve(r, schema));
  }

  private LevelsRule(Rule.Levels r, FittedSchema schema, Resolved res) {
    super(r, res.spec, schema, r.reasons(), res.min, res.max);
    this.cols = res.cols;
    this.slotPoints = res.points;
    this.missingSlot = res.missingSlot;
    this.ambiguousOtherSlot = res.ambiguousOtherSlot;
    this.slotOf = res.slotOf;
  }

  private record Resolved(FeatureSpec spec, int[] cols, double[] points, int missingSlot, int ambiguousOtherSlot,
      Map<String, Integer> slotOf, double min, double max) {}

  private static Resolved resolve(Rule.Levels r, FittedSchema schema) {
    FeatureSpec spec = feature(r, r.feature(), schema);
    FeatureOffers offers = spec.offers();
    if (!offers.levels()) {
      throw wrongKind(r, spec, "a titleSeniority, emailDomain or categorical feature (one-hot levels)");
    }
    String missingLevel = offers.missingLevel();
    boolean learned = offers.levelsLearned();
    boolean otherHoldsMissing = offers.otherHoldsMissing();
    List<Column> levelCols = new ArrayList<>();
    for (Column c : schema.columns()) {
      if (c.feature().equals(spec.name()) && c.role() == Column.Role.LEVEL) {
        levelCols.add(c);
      }
    }
    Map<String, Integer> slotOf = new LinkedHashMap<>();
    for (int i = 0; i < levelCols.size(); i++) {
      slotOf.put(levelCols.get(i).level(), i);
    }
    double[] points = new double[levelCols.size()];
    double min = 0;
    double max = 0;
    for (Map.Entry<String, Double> e : r.points().entrySet()) {
      String level = e.getKey();
      if (level.equals(missingLevel)) {
        throw RuleSetException.of(r.id(), "level '" + level + "' of feature '" + spec.name()
            + "' means the value is missing, and a missing value scores 0; remove it (levels are " + slotOf.keySet() + ")");
      }
      Integer slot = slotOf.get(level);
      if (slot == null) {
        if (learned) {
          // A learned level the fit did not keep (too rare) is folded into 'other' and scores as
          // 'other'; the fitted schema does not record which levels it saw, so only a level one
          // edit from a kept level is refused, as the misspelling it almost surely is.
          String near = nearMiss(level, slotOf.keySet(), missingLevel);
          if (near == null) {
            continue;
          }
          throw RuleSetException.of(r.id(), "level '" + level + "' is not a level of feature '" + spec.name()
              + "' and is one edit from its level '" + near + "': a misspelling? (its levels are " + slotOf.keySet() + ")");
        }
        throw RuleSetException.of(r.id(), "level '" + level + "' is not a level of feature '" + spec.name()
            + "'; its levels are " + slotOf.keySet());
      }
      double p = Points.q(e.getValue());
      points[slot] = p;
      min = Math.min(min, p);
      max = Math.max(max, p);
    }
    int[] cols = new int[levelCols.size()];
    for (int i = 0; i < cols.length; i++) {
      cols[i] = levelCols.get(i).index();
    }
    int missingSlot = slotOf.getOrDefault(missingLevel, -1);
    int otherSlot = otherHoldsMissing ? slotOf.getOrDefault(CategoricalFeature.OTHER, -1) : -1;
    return new Resolved(spec, cols, points, missingSlot, otherSlot, Map.copyOf(slotOf), min, max);
  }

  /** Levels shorter than this are too short for one edit to signal a misspelling ("uk", "us"). */
  private static final int NEAR_MISS_MIN_LENGTH = 5;

  /**
   * The kept level (not {@code other} or the missing level) one edit (insertion, deletion,
   * substitution or swap of neighbours) from {@code level}, or null when there is none.
   */
  static String nearMiss(String level, Iterable<String> kept, String missingLevel) {
    if (level.length() < NEAR_MISS_MIN_LENGTH) {
      return null;
    }
    for (String k : kept) {
      if (!k.equals(CategoricalFeature.OTHER) && !k.equals(missingLevel) && k.length() >= NEAR_MISS_MIN_LENGTH
          && editDistance(level, k) == 1) {
        return k;
      }
    }
    return null;
  }

  /** Optimal string alignment distance (Levenshtein with swaps of neighbours), O(|a| |b|). */
  static int editDistance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }

  @Override
  int slot(Lead lead, Instant asOf, double[] row) {
    for (int s = 0; s < cols.length; s++) {
      if (row[cols[s]] == 1.0) {
        if (s == missingSlot || (s == ambiguousOtherSlot && displayMissing(lead, asOf, row))) {
          return -1;
        }
        return s;
      }
    }
    return -1;
  }

  @Override
  double slotPoints(int slot) {
    return slotPoints[slot];
  }

  /** The slot of a level, or -1 when the fitted schema does not have it (folded into other). */
  int slotOf(String level) {
    return slotOf.getOrDefault(level, -1);
  }
}
