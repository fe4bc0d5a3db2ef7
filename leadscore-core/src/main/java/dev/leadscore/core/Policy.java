package dev.leadscore.core;

import dev.leadscore.core.schema.Column;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The {@link Disqualifier}s a scorer applies after scoring: overrides no score can beat. The rule
 * scorer takes them from its rule set; a model scorer from its trained model (the training step
 * can embed a rule set's policy in the artifact, so a scorer loaded from it always applies it).
 *
 * <p>When several disqualifiers match a lead, the one leaving the least urgent tier wins (the first
 * declared among equals); its sentence becomes the explanation's first reason
 * ({@link Explanation#override()}). The score and the explanation's contributions are the scorer's
 * own, unchanged: only the tier is overridden.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class Policy {
  private static final Policy NONE = new Policy(List.of());

  private final List<Disqualifier> disqualifiers;

  private Policy(List<Disqualifier> disqualifiers) {
    this.disqualifiers = List.copyOf(disqualifiers);
  }

  /** No overrides. */
  public static Policy none() {
    return NONE;
  }

  /** A policy of these disqualifiers, in order. */
  public static Policy of(List<Disqualifier> disqualifiers) {
    return disqualifiers.isEmpty() ? NONE : new Policy(disqualifiers);
  }

  /** The disqualifiers, in declaration order (unmodifiable). */
  public List<Disqualifier> disqualifiers() {
    return disqualifiers;
  }

  /** Whether there are none. */
  public boolean isEmpty() {
    return disqualifiers.isEmpty();
  }

  /**
   * This policy resolved against a fitted schema: each disqualifier becomes a test of one column
   * of the extracted row, so applying it costs a few array reads per lead.
   *
   * @throws IllegalArgumentException naming the disqualifier's feature when the schema has no such
   *     feature, or the feature has no level (or yes/no value) {@code when}
   */
  public Bound bind(FittedSchema schema) {
    return new Bound(this, schema);
  }

  /** A policy bound to a fitted schema. Immutable and safe to share between threads. */
  public static final class Bound {
    private final Disqualifier[] rules;
    private final int[] column;
    private final double[] equals;
    private final int[] missingColumn;
    private final int[] featureIndex;
    private final String[] family;
    private final FittedSchema schema;

    private Bound(Policy policy, FittedSchema schema) {
      this.schema = Objects.requireNonNull(schema, "schema");
      int n = policy.disqualifiers.size();
      rules = policy.disqualifiers.toArray(new Disqualifier[0]);
      column = new int[n];
      equals = new double[n];
      missingColumn = new int[n];
      featureIndex = new int[n];
      family = new String[n];
      for (int i = 0; i < n; i++) {
        Disqualifier d = rules[i];
        int f;
        try {
          f = schema.featureIndex(d.feature());
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException("disqualifier on '" + d.feature() + "': " + e.getMessage());
        }
        FeatureSpec spec = schema.schema().features().get(f);
        featureIndex[i] = f;
        family[i] = spec.family();
        missingColumn[i] = -1;
        List<String> levels = new ArrayList<>();
        int level = -1;
        int value = -1;
        for (Column c : schema.columns()) {
          if (!c.feature().equals(d.feature())) {
            continue;
          }
          if (c.role() == Column.Role.LEVEL) {
            levels.add(c.level());
            if (Disqualifier.normalise(c.level()).equals(d.when())) {
              level = c.index();
            }
          } else if (c.role() == Column.Role.VALUE) {
            value = c.index();
          } else if (c.role() == Column.Role.MISSING_FLAG) {
            missingColumn[i] = c.index();
          }
        }
        if (level >= 0) {
          column[i] = level;
          equals[i] = 1.0;
          missingColumn[i] = -1;
        } else if (spec.offers().yesNo() && value >= 0 && (d.when().equals("yes") || d.when().equals("no"))) {
          column[i] = value;
          equals[i] = d.when().equals("yes") ? 1.0 : 0.0;
        } else {
          throw new IllegalArgumentException("disqualifier on '" + d.feature() + "': the feature has no "
              + (spec.offers().yesNo() ? "value" : "level") + " '" + d.when() + "'; "
              + (spec.offers().yesNo() ? "use yes or no" : "its levels are " + levels));
        }
      }
    }

    /** The index of the disqualifier that decides the lead's tier, or -1 when none matches. */
    public int match(double[] row, Tier tier) {
      int best = -1;
      Tier bestTier = tier;
      for (int i = 0; i < rules.length; i++) {
        if (row[column[i]] == equals[i] && (missingColumn[i] < 0 || row[missingColumn[i]] == 0.0)) {
          Tier t = rules[i].apply(tier);
          if (best < 0 || t.ordinal() > bestTier.ordinal()) {
            best = i;
            bestTier = t;
          }
        }
      }
      return best;
    }

    /** Whether any disqualifier is declared. */
    public boolean isEmpty() {
      return rules.length == 0;
    }

    /** The disqualifier at {@code index}. */
    public Disqualifier disqualifier(int index) {
      return rules[index];
    }

    /** The override's reason for a lead that {@code match}ed disqualifier {@code index}. */
    public Reason reason(int index, Lead lead, Instant asOf, double[] row) {
      return Reason.override(rules[index].feature(), family[index], rules[index].reason(),
          schema.displayValue(lead, asOf, featureIndex[index], row));
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Policy p && disqualifiers.equals(p.disqualifiers);
  }

  @Override
  public int hashCode() {
    return disqualifiers.hashCode();
  }

  @Override
  public String toString() {
    return "Policy" + disqualifiers;
  }
}
