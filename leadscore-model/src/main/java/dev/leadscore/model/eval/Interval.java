package dev.leadscore.model.eval;

import java.util.Locale;

/**
 * A point estimate with a confidence interval, e.g. a bootstrap interval for ROC AUC from {@link
 * Metrics#rocAucInterval}. The estimate is the metric on the full data; the bounds are
 * percentiles of its resampled values, so with skewed resampling the estimate need not be the
 * midpoint (and, rarely, need not even lie inside the bounds).
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param lower the lower bound, at most {@code upper}
 * @param estimate the point estimate
 * @param upper the upper bound
 * @param level the confidence level in (0, 1), e.g. 0.95
 */
public record Interval(double lower, double estimate, double upper, double level) {
  /**
   * @throws IllegalArgumentException if a value is NaN, {@code lower > upper}, or {@code level}
   *     is not in (0, 1)
   */
  public Interval {
    if (Double.isNaN(lower) || Double.isNaN(estimate) || Double.isNaN(upper)) {
      throw new IllegalArgumentException("interval values must not be NaN, got lower=" + lower
          + ", estimate=" + estimate + ", upper=" + upper);
    }
    if (lower > upper) {
      throw new IllegalArgumentException("interval needs lower <= upper, got lower=" + lower + ", upper=" + upper);
    }
    if (!(level > 0.0 && level < 1.0)) {
      throw new IllegalArgumentException("interval level must be in (0, 1), got level=" + level);
    }
  }

  /** {@code upper − lower}. */
  public double width() {
    return upper - lower;
  }

  /** Whether {@code lower <= value <= upper}. */
  public boolean contains(double value) {
    return value >= lower && value <= upper;
  }

  /** For example {@code "0.842 (95% interval 0.815 to 0.868)"}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%.3f (%s%% interval %.3f to %.3f)", estimate,
        Metrics.percent(level), lower, upper);
  }
}
