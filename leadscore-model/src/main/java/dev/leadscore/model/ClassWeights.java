package dev.leadscore.model;

/**
 * How much each training row counts in the objective, by its class: {@link #none()} (every row
 * 1), {@link #balanced()} ({@code n / (2 n_class)}, as scikit-learn's {@code
 * class_weight='balanced'}, computed on the rows being fitted, i.e. per fold), or {@link
 * #of(double, double)} explicit weights.
 *
 * <p>Class weights change the fitted logits (balanced weights shift them towards 50 %), so the
 * calibrator, which is always fitted with unit weights, is what turns them back into honest
 * probabilities. All implementations are immutable records, safe to share between threads.
 */
public sealed interface ClassWeights {

  /** Every row weighs 1. */
  static ClassWeights none() {
    return None.INSTANCE;
  }

  /** Each class gets total weight {@code n / 2}: row weight {@code n / (2 n_class)}. */
  static ClassWeights balanced() {
    return Balanced.INSTANCE;
  }

  /**
   * Fixed weights per class.
   *
   * @throws IllegalArgumentException if a weight is not finite and positive
   */
  static ClassWeights of(double converted, double notConverted) {
    return new Explicit(converted, notConverted);
  }

  /** Unit weights. */
  record None() implements ClassWeights {
    static final None INSTANCE = new None();
  }

  /** Balanced weights {@code n / (2 n_class)}. */
  record Balanced() implements ClassWeights {
    static final Balanced INSTANCE = new Balanced();
  }

  /**
   * Explicit weights.
   *
   * @param converted the weight of a converted row, finite and {@code > 0}
   * @param notConverted the weight of a non-converted row, finite and {@code > 0}
   */
  record Explicit(double converted, double notConverted) implements ClassWeights {
    /** @throws IllegalArgumentException if a weight is not finite and positive */
    public Explicit {
      if (!(converted > 0 && Double.isFinite(converted))) {
        throw new IllegalArgumentException("class weight 'converted' must be finite and > 0, got " + converted);
      }
      if (!(notConverted > 0 && Double.isFinite(notConverted))) {
        throw new IllegalArgumentException("class weight 'notConverted' must be finite and > 0, got " + notConverted);
      }
    }
  }
}
