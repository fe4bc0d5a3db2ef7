package dev.leadscore.model.calibration;

import java.util.Arrays;

/**
 * Maps a model's raw logit (log-odds, any real number) to a calibrated probability of conversion
 * in {@code [0, 1]}: the number the score 0–100 and the tiers are built from.
 *
 * <p>Three kinds exist: {@link Platt} (a logistic curve refitted on out-of-fold logits), {@link
 * Isotonic} (a non-decreasing step-and-ramp curve fitted by pool-adjacent-violators) and {@link
 * Identity} (the plain logistic function, no calibration). Calibrators are fitted on out-of-fold
 * predictions only — never on rows a fold's model was trained on — with {@link #fitPlatt} and
 * {@link #fitIsotonic}; the model artifact stores them as JSON.
 *
 * <p>Every calibrator is an immutable record, safe to share between threads, and deterministic:
 * the same logit always gives the same bits. {@link #probability} allocates nothing.
 */
public sealed interface Calibrator permits Calibrator.Platt, Calibrator.Isotonic, Calibrator.Identity {

  /**
   * The calibrated probability for one raw logit.
   *
   * @param logit the model's log-odds; {@code ±Infinity} are accepted and give the limits
   * @return a probability in {@code [0, 1]} ({@link Isotonic} keeps it in {@code [ε, 1 − ε]})
   * @throws IllegalArgumentException if {@code logit} is NaN
   */
  double probability(double logit);

  /**
   * The calibrated probabilities of many logits: {@code out[i] = probability(logits[i])}.
   *
   * @throws IllegalArgumentException if an element is NaN (the message gives its index)
   * @throws NullPointerException if {@code logits} is null
   */
  default double[] probabilities(double[] logits) {
    double[] out = new double[logits.length];
    for (int i = 0; i < logits.length; i++) {
      if (Double.isNaN(logits[i])) {
        throw new IllegalArgumentException("logits[" + i + "] is NaN");
      }
      out[i] = probability(logits[i]);
    }
    return out;
  }

  /** {@return the uncalibrated logistic function, {@link Identity}} */
  static Identity identity() {
    return Identity.INSTANCE;
  }

  /**
   * Fits Platt scaling {@code p = 1 / (1 + exp(−(a·logit + b)))} to out-of-fold logits.
   *
   * <p><b>Objective.</b> The weighted log loss of the curve against Platt's smoothed targets: a
   * converted lead has target {@code (N₊ + 1) / (N₊ + 2)} and any other lead {@code 1 / (N₋ +
   * 2)}, where {@code N₊} and {@code N₋} are the total sample weights of the two classes (the
   * counts when unweighted). The smoothing keeps {@code a} and {@code b} finite even when the
   * logits separate the classes perfectly, and is exactly what scikit-learn's {@code
   * _sigmoid_calibration} minimises (with {@code a = −A}, {@code b = −B} in its notation).
   *
   * <p><b>Algorithm.</b> Newton's method on the two parameters from scikit-learn's starting point
   * {@code a = 0, b = ln((N₊ + 1) / (N₋ + 1))}, with an analytic 2×2 Hessian and a backtracking
   * (Armijo) line search, stopping when both gradient components are at most 1e-12 relative to
   * the total weight (times the largest |logit| for the slope's component), or, should rounding
   * stop all progress first, accepting the point if the gradient is within 1e-6 of that scale.
   * Typically 5–10 iterations. When all logits are equal the slope is not
   * identifiable and the fit returns {@code a = 0} with {@code b} the logit of the mean target.
   *
   * <p>Cost: O(n) time per iteration, O(n) extra memory for the targets. Deterministic.
   *
   * @param logits out-of-fold logits, finite; not modified
   * @param converted whether each lead converted; same length; not modified
   * @param sampleWeights non-negative finite weights, same length, or null for unit weights
   * @return the fitted Platt calibrator
   * @throws IllegalArgumentException on empty input, a length mismatch, a non-finite logit, a
   *     negative or non-finite weight, or zero total weight (the message names the argument, the
   *     index and the value)
   * @throws IllegalStateException if Newton's method fails to converge (not seen in practice)
   */
  static Platt fitPlatt(double[] logits, boolean[] converted, double[] sampleWeights) {
    return PlattFitter.fit(logits, converted, sampleWeights);
  }

  /**
   * Fits an isotonic (non-decreasing) calibration curve to out-of-fold logits, exactly as
   * scikit-learn's {@code IsotonicRegression(out_of_bounds='clip', y_min=0, y_max=1)} does.
   *
   * <p><b>Algorithm.</b> Rows of zero weight are dropped; the rest are sorted by logit (then
   * label); logits within 1e-15 (absolute) of the first logit of a run (numpy's
   * float64 resolution, which scikit-learn uses) are pooled into one point at that first logit,
   * whose value is the weighted conversion rate and weight the summed weight; pool-adjacent-
   * violators then merges adjacent points while their values fail to increase strictly, replacing
   * them by their weighted mean; finally points whose value equals both neighbours' are dropped,
   * as they change nothing under linear interpolation. See {@link Isotonic} for evaluation.
   *
   * <p>Cost: O(n log n) time for the sort, O(n) for the rest; O(n) extra memory.
   *
   * @param logits out-of-fold logits, finite; not modified
   * @param converted whether each lead converted; same length; not modified
   * @param weights non-negative finite weights, same length, or null for unit weights
   * @return the fitted isotonic calibrator
   * @throws IllegalArgumentException on empty input, a length mismatch, a non-finite logit, a
   *     negative or non-finite weight, or zero total weight
   */
  static Isotonic fitIsotonic(double[] logits, boolean[] converted, double[] weights) {
    return IsotonicFitter.fit(logits, converted, weights);
  }

  /**
   * Platt scaling: {@code p = 1 / (1 + exp(−(a·logit + b)))}, a logistic curve refitted on
   * out-of-fold logits. Monotone non-decreasing in the logit when {@code a >= 0} (a well-trained
   * model gives {@code a > 0}; {@code a < 0} would mean the model ranks backwards).
   *
   * <p>Evaluated in a form that never overflows: {@code 1/(1+e^−z)} for {@code z >= 0} and
   * {@code e^z/(1+e^z)} for {@code z < 0}, so {@code |z| > 700} gives 0 or 1, never NaN. With
   * {@code a = 0} the result is {@code sigmoid(b)} for every logit, infinities included. Cost:
   * O(1), no allocation. Immutable, thread-safe.
   *
   * @param a the slope on the logit, finite
   * @param b the intercept, finite
   */
  record Platt(double a, double b) implements Calibrator {
    /** @throws IllegalArgumentException if {@code a} or {@code b} is not finite */
    public Platt {
      if (!Double.isFinite(a)) {
        throw new IllegalArgumentException("Platt slope a must be finite, got a=" + a);
      }
      if (!Double.isFinite(b)) {
        throw new IllegalArgumentException("Platt intercept b must be finite, got b=" + b);
      }
      a += 0.0; // -0.0 and 0.0 behave the same; keep equals() honest
      b += 0.0;
    }

    @Override
    public double probability(double logit) {
      if (Double.isNaN(logit)) {
        throw new IllegalArgumentException("logit is NaN");
      }
      double z = a == 0.0 ? b : a * logit + b;
      return Logistic.sigmoid(z);
    }
  }

  /**
   * Isotonic calibration: a non-decreasing piecewise-linear curve through the points {@code
   * (thresholds[i], values[i])}, evaluated as scikit-learn's {@code IsotonicRegression(
   * out_of_bounds='clip')} does (numpy's {@code interp}), then kept away from 0 and 1.
   *
   * <p><b>Evaluation.</b> A logit below {@code thresholds[0]} or above the last threshold is
   * clipped to that end (flat extrapolation). Inside, with {@code j} the last index such that
   * {@code thresholds[j] <= logit}: exactly on a threshold the value is {@code values[j]};
   * otherwise {@code values[j] + slope·(logit − thresholds[j])} with {@code slope = (values[j+1]
   * − values[j]) / (thresholds[j+1] − thresholds[j])}. The result is then clamped to {@code
   * [PROBABILITY_EPSILON, 1 − PROBABILITY_EPSILON]}. A single point gives a constant.
   *
   * <p><b>Why the epsilon.</b> An isotonic block of only non-converted (or only converted) leads
   * has a value of exactly 0 (or 1), which claims certainty no finite sample supports and makes
   * log loss infinite. {@value #PROBABILITY_EPSILON} keeps the per-lead log loss at most about
   * 13.8 while moving the score 0–100 by at most 0.0001 points. The stored {@code values} are the
   * unclipped fit, so the artifact records what was learned.
   *
   * <p>Cost: O(log m) per call for m points (binary search), no allocation. The arrays are copied
   * in and out, so the record is immutable and thread-safe.
   *
   * @param thresholds the logits of the curve's points, finite and strictly increasing, at least one
   * @param values the curve's values at those logits, in {@code [0, 1]} and non-decreasing; same
   *     length as {@code thresholds}
   */
  record Isotonic(double[] thresholds, double[] values) implements Calibrator {
    /**
     * How far calibrated probabilities are kept from 0 and 1: outputs lie in {@code [1e-6, 1 −
     * 1e-6]}.
     */
    public static final double PROBABILITY_EPSILON = 1e-6;

    /**
     * @throws NullPointerException if an array is null
     * @throws IllegalArgumentException if the arrays are empty or of different lengths, a
     *     threshold is not finite or not above the previous one, or a value is not in [0, 1] or
     *     below the previous one; the message names the array, the index and the values
     */
    public Isotonic {
      if (thresholds == null) {
        throw new NullPointerException("thresholds");
      }
      if (values == null) {
        throw new NullPointerException("values");
      }
      if (thresholds.length == 0) {
        throw new IllegalArgumentException("isotonic calibrator needs at least one point, got 0 thresholds");
      }
      if (thresholds.length != values.length) {
        throw new IllegalArgumentException("isotonic thresholds and values must have the same length, got "
            + thresholds.length + " thresholds and " + values.length + " values");
      }
      thresholds = thresholds.clone();
      values = values.clone();
      for (int i = 0; i < thresholds.length; i++) {
        double t = thresholds[i];
        if (!Double.isFinite(t)) {
          throw new IllegalArgumentException("isotonic thresholds[" + i + "] must be finite, got " + t);
        }
        if (i > 0 && !(t > thresholds[i - 1])) {
          throw new IllegalArgumentException("isotonic thresholds must be strictly increasing, got thresholds["
              + (i - 1) + "]=" + thresholds[i - 1] + " and thresholds[" + i + "]=" + t);
        }
        double v = values[i];
        if (!(v >= 0.0 && v <= 1.0)) {
          throw new IllegalArgumentException("isotonic values[" + i + "] must be in [0, 1], got " + v);
        }
        if (i > 0 && v < values[i - 1]) {
          throw new IllegalArgumentException("isotonic values must be non-decreasing, got values["
              + (i - 1) + "]=" + values[i - 1] + " and values[" + i + "]=" + v);
        }
        thresholds[i] += 0.0;
        values[i] += 0.0;
      }
    }

    /** {@return a copy of the points' logits, strictly increasing} */
    @Override
    public double[] thresholds() {
      return thresholds.clone();
    }

    /** {@return a copy of the points' (unclipped) values, non-decreasing, in [0, 1]} */
    @Override
    public double[] values() {
      return values.clone();
    }

    /** {@return the number of points} */
    public int size() {
      return thresholds.length;
    }

    @Override
    public double probability(double logit) {
      if (Double.isNaN(logit)) {
        throw new IllegalArgumentException("logit is NaN");
      }
      return clamp(interpolate(logit));
    }

    private double interpolate(double x) {
      int m = thresholds.length;
      if (x <= thresholds[0]) {
        return values[0];
      }
      if (x >= thresholds[m - 1]) {
        return values[m - 1];
      }
      // Largest j with thresholds[j] <= x; 0 <= j <= m - 2 here.
      int lo = 0;
      int hi = m - 1;
      while (hi - lo > 1) {
        int mid = (lo + hi) >>> 1;
        if (thresholds[mid] <= x) {
          lo = mid;
        } else {
          hi = mid;
        }
      }
      int j = lo;
      if (thresholds[j] == x) {
        return values[j];
      }
      double dx = thresholds[j + 1] - thresholds[j];
      double dy = values[j + 1] - values[j];
      double slope = dy / dx;
      if (Double.isFinite(dx) && Double.isFinite(slope)) {
        return slope * (x - thresholds[j]) + values[j]; // numpy.interp's formula
      }
      // Thresholds so far apart that their difference overflows, or so close that the slope
      // does: interpolate by the fraction of the interval instead, halving to stay finite.
      double frac = (x * 0.5 - thresholds[j] * 0.5) / (thresholds[j + 1] * 0.5 - thresholds[j] * 0.5);
      return values[j] + frac * dy;
    }

    private static double clamp(double p) {
      return Math.max(PROBABILITY_EPSILON, Math.min(1.0 - PROBABILITY_EPSILON, p));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Isotonic other
          && Arrays.equals(thresholds, other.thresholds)
          && Arrays.equals(values, other.values);
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(thresholds) + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
      return "Isotonic[" + thresholds.length + " points, thresholds=" + Arrays.toString(thresholds)
          + ", values=" + Arrays.toString(values) + "]";
    }
  }

  /**
   * No calibration: the plain logistic function {@code p = 1 / (1 + exp(−logit))}, evaluated
   * without overflow as {@link Platt} is. Use {@link Calibrator#identity()}; all instances are
   * equal. Cost O(1). Immutable, thread-safe.
   */
  record Identity() implements Calibrator {
    static final Identity INSTANCE = new Identity();

    @Override
    public double probability(double logit) {
      if (Double.isNaN(logit)) {
        throw new IllegalArgumentException("logit is NaN");
      }
      return Logistic.sigmoid(logit);
    }
  }
}
