package dev.leadscore.model;

import java.util.Arrays;

/**
 * Per-column standardisation {@code z = (x - mean) / scale}, fitted on training rows only. A
 * numeric column's {@code scale} is its population standard deviation (ddof = 0, as scikit-learn's
 * {@code StandardScaler}); an <em>indicator</em> column (a one-hot level, a boolean, a missing
 * flag, a bin: see {@link Extraction#indicators}) keeps its 0/1 scale, {@code scale = 1}. Why: the
 * L2 penalty acts on the weights of {@code z}, and dividing a 0/1 column with share {@code p} by
 * its standard deviation {@code sqrt(p (1 - p))} would make its penalty about {@code 1 / p} weaker,
 * so a level seen on two leads could take any weight it liked. On the 0/1 scale every level pays
 * the same price per unit of log-odds, as with scikit-learn's {@code OneHotEncoder}; indicators
 * are still centred (the mean is subtracted), which moves only the intercept and keeps Newton's
 * system well conditioned. A column whose training values are all equal is <em>constant</em>: its
 * scale is 0, it is left out of the solver and its weight is exactly 0.
 *
 * <p>{@code z} is computed as {@code (x - mean) * (1 / scale)} in training (the solver's design and
 * {@link #logit}, used for out-of-fold predictions), and the logit is summed in the solver's
 * interleaved order, so a fold model's logit for a row is bit-identical to the value the solver
 * saw for it. {@link TrainedModel#logit} scores with a re-associated dense form instead, which
 * agrees with this one to rounding, not bit for bit (see its class comment).
 *
 * <p>Immutable after construction; the arrays are never handed out. Safe to share between threads.
 */
final class Standardisation {
  private final double[] mean;
  private final double[] scale;
  private final double[] inverse;
  private final int[] active;

  private Standardisation(double[] mean, double[] scale) {
    this.mean = mean;
    this.scale = scale;
    this.inverse = new double[scale.length];
    int count = 0;
    for (int j = 0; j < scale.length; j++) {
      if (scale[j] > 0) {
        inverse[j] = 1.0 / scale[j];
        count++;
      }
    }
    this.active = new int[count];
    for (int j = 0, k = 0; j < scale.length; j++) {
      if (scale[j] > 0) {
        active[k++] = j;
      }
    }
  }

  /**
   * Below this sum of squared deviations a column's squares may have lost bits to underflow (they
   * are subnormal from about 1e-308), so its standard deviation is recomputed with rescaled
   * deviations; 2^-900 leaves every square that matters a full 53-bit significand.
   */
  static final double TINY_SQUARES = 0x1p-900;

  /** {@link #fit(double[], int, int, String[])} without column names (columns named by index). */
  static Standardisation fit(double[] x, int n, int d) {
    return fit(x, n, d, null);
  }

  /** {@link #fit(double[], int, int, String[], boolean[])} with every column numeric. */
  static Standardisation fit(double[] x, int n, int d, String[] names) {
    return fit(x, n, d, names, null);
  }

  /**
   * Fits the means and scales of a row-major {@code n x d} matrix; {@code x} is not modified.
   * Two passes (mean, then mean squared deviation) in row order, so the result does not depend on
   * threads. Cost O(n d).
   *
   * <p><b>Tiny values.</b> A non-constant column whose squared deviations sum to less than {@link
   * #TINY_SQUARES} (deviations below about {@code 1e-135}, e.g. a feature recorded in units of
   * {@code 1e-170}) has its deviations divided by the largest of them before squaring, so it is
   * standardised like the same rows at scale 1 instead of underflowing to a zero scale.
   *
   * <p><b>Huge values.</b> A column whose squared deviations overflow (values beyond about
   * {@code 1e154}) has its standard deviation recomputed with every deviation divided by the
   * column's largest magnitude before squaring, so its scale is finite; columns of ordinary size
   * keep the plain two-pass arithmetic, bit for bit. A column whose mean or deviations themselves
   * overflow (values near {@code Double.MAX_VALUE}) cannot be standardised: that is a {@link
   * TrainingException} naming the column and the remedy (clip or log-transform the feature).
   *
   * @param names full-width column names for messages, or null
   * @param indicators which columns are indicators (scale 1 unless constant), or null for none
   * @throws IllegalArgumentException if {@code n < 1}, a value is not finite (naming row and
   *     column) or {@code indicators} has the wrong length
   * @throws TrainingException if a non-constant column's values are too large to standardise
   */
  static Standardisation fit(double[] x, int n, int d, String[] names, boolean[] indicators) {
    return fit(x, n, d, names, indicators, null);
  }

  /**
   * As {@link #fit(double[], int, int, String[], boolean[])}, where a column {@code j} with {@code
   * scaleFrom[j] >= 0} takes the scale of column {@code scaleFrom[j]} (its own mean still centres
   * it) unless either is constant. Hinge columns take their feature's value column's scale: a
   * hinge's weight is the change of slope at its knot, so on that common scale the L2 penalty weighs
   * each slope change as it weighs the feature's linear slope, whatever the knot's share of rows (a
   * hinge standardised by its own, smaller spread would bend almost for free in the tail).
   *
   * @param scaleFrom per column the column whose scale it shares, or -1; or null for none
   */
  static Standardisation fit(double[] x, int n, int d, String[] names, boolean[] indicators, int[] scaleFrom) {
    if (n < 1) {
      throw new IllegalArgumentException("cannot standardise 0 rows");
    }
    if (indicators != null && indicators.length != d) {
      throw new IllegalArgumentException("indicators: expected " + d + " (one per column), got " + indicators.length);
    }
    double[] sum = new double[d];
    double[] min = new double[d];
    double[] max = new double[d];
    Arrays.fill(min, Double.POSITIVE_INFINITY);
    Arrays.fill(max, Double.NEGATIVE_INFINITY);
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        double v = x[off + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("training matrix value at row " + i + ", column " + j
              + " is " + v + "; every feature value must be finite");
        }
        sum[j] += v;
        min[j] = Math.min(min[j], v);
        max[j] = Math.max(max[j], v);
      }
    }
    double[] mean = new double[d];
    for (int j = 0; j < d; j++) {
      mean[j] = sum[j] / n;
    }
    double[] ss = new double[d];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        double dev = x[off + j] - mean[j];
        ss[j] += dev * dev;
      }
    }
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      if (min[j] == max[j]) {
        mean[j] = min[j]; // exact: every value equals it
        scale[j] = 0.0;
      } else if (!Double.isFinite(mean[j])) {
        throw tooLarge(j, names, min[j], max[j], "their sum overflows, so the mean is " + mean[j]);
      } else if (indicators != null && indicators[j]) {
        scale[j] = 1.0;
      } else if (Double.isFinite(ss[j]) && ss[j] >= TINY_SQUARES) {
        scale[j] = Math.sqrt(ss[j] / n);
      } else if (Double.isFinite(ss[j])) {
        scale[j] = scaledStd(x, n, d, j, mean[j], largestDeviation(x, n, d, j, mean[j]), names, min[j], max[j]);
      } else {
        scale[j] = scaledStd(x, n, d, j, mean[j], Math.max(Math.abs(min[j]), Math.abs(max[j])), names, min[j], max[j]);
      }
    }
    if (scaleFrom != null) {
      if (scaleFrom.length != d) {
        throw new IllegalArgumentException("scaleFrom: expected " + d + " (one per column), got " + scaleFrom.length);
      }
      double[] own = scale.clone();
      for (int j = 0; j < d; j++) {
        int from = scaleFrom[j];
        if (from >= 0 && own[j] > 0 && own[from] > 0) {
          scale[j] = own[from];
        }
      }
    }
    return new Standardisation(mean, scale);
  }

  /** The largest {@code |x - mean|} of column {@code j}. */
  private static double largestDeviation(double[] x, int n, int d, int j, double mean) {
    double m = 0;
    for (int i = 0; i < n; i++) {
      m = Math.max(m, Math.abs(x[i * d + j] - mean));
    }
    return m;
  }

  /**
   * The population standard deviation of column {@code j} when the squares of its deviations
   * overflow or underflow: each deviation is divided by {@code m} (the column's largest magnitude,
   * or its largest deviation) before it is squared, and the root is multiplied back by {@code m}.
   */
  private static double scaledStd(double[] x, int n, int d, int j, double mean, double m, String[] names, double min,
      double max) {
    double ss = 0;
    for (int i = 0; i < n; i++) {
      double dev = x[i * d + j] - mean;
      if (!Double.isFinite(dev)) {
        throw tooLarge(j, names, min, max, "the deviation of row " + i + " from the mean overflows");
      }
      double t = dev / m;
      ss += t * t;
    }
    double scale = m * Math.sqrt(ss / n);
    if (!(scale > 0 && Double.isFinite(scale))) {
      throw tooLarge(j, names, min, max, "the standard deviation is " + scale);
    }
    return scale;
  }

  private static TrainingException tooLarge(int j, String[] names, double min, double max, String why) {
    String column = names == null ? "column " + j : "column '" + names[j] + "'";
    return new TrainingException(column + " cannot be standardised: its training values range from " + min + " to " + max
        + " and " + why + "; clip the feature to a sensible range or log-transform it");
  }

  /**
   * A standardisation from stored values (an artifact), copying them.
   *
   * @throws IllegalArgumentException if the lengths differ, a mean is not finite or a scale is
   *     negative or not finite
   */
  static Standardisation of(double[] mean, double[] scale) {
    if (mean.length != scale.length) {
      throw new IllegalArgumentException("mean has " + mean.length + " entries but scale has " + scale.length);
    }
    for (int j = 0; j < mean.length; j++) {
      if (!Double.isFinite(mean[j])) {
        throw new IllegalArgumentException("mean[" + j + "] must be finite, got " + mean[j]);
      }
      if (!(scale[j] >= 0 && Double.isFinite(scale[j]))) {
        throw new IllegalArgumentException("scale[" + j + "] must be finite and >= 0, got " + scale[j]);
      }
    }
    return new Standardisation(mean.clone(), scale.clone());
  }

  /** Number of columns. */
  int width() {
    return mean.length;
  }

  /** Number of non-constant columns, i.e. the solver's dimension. */
  int activeCount() {
    return active.length;
  }

  /** The index of the {@code k}-th non-constant column. */
  int active(int k) {
    return active[k];
  }

  double[] mean() {
    return mean.clone();
  }

  double[] scale() {
    return scale.clone();
  }

  double meanAt(int j) {
    return mean[j];
  }

  double scaleAt(int j) {
    return scale[j];
  }

  /**
   * Standardises a row-major {@code n x width()} matrix <em>in place</em> and compacts it to the
   * non-constant columns: on return {@code x[i * a + k]} holds {@code z} of row {@code i},
   * non-constant column {@code k}, with {@code a = activeCount()}. Compaction only moves values
   * towards the start, so no second array is needed. Cost O(n d).
   *
   * @return a design over the first {@code n * a} entries of {@code x}
   */
  Design standardiseInPlace(double[] x, int n) {
    int d = mean.length;
    int a = active.length;
    for (int i = 0; i < n; i++) {
      int in = i * d;
      int out = i * a;
      for (int k = 0; k < a; k++) {
        int j = active[k];
        x[out + k] = (x[in + j] - mean[j]) * inverse[j];
      }
    }
    return new Design(x, n, a);
  }

  /**
   * The logit {@code b + sum_k w[active k] * z[active k]} of one raw row starting at {@code
   * offset}, with {@code weights} of full width. The same operations in the same order as the
   * solver applies to the standardised design (the interleaved order of {@link
   * LogisticSolver#linear}: partial sums over the {@code k}-th active column by {@code k mod 4}),
   * so the results agree bit for bit. Allocation-free.
   */
  double logit(double intercept, double[] weights, double[] x, int offset) {
    // Locals: each field is read once rather than on every iteration.
    final int[] active = this.active;
    final double[] mean = this.mean;
    final double[] inverse = this.inverse;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int a = active.length;
    int k = 0;
    for (; k + 3 < a; k += 4) {
      int j0 = active[k];
      int j1 = active[k + 1];
      int j2 = active[k + 2];
      int j3 = active[k + 3];
      s0 += weights[j0] * ((x[offset + j0] - mean[j0]) * inverse[j0]);
      s1 += weights[j1] * ((x[offset + j1] - mean[j1]) * inverse[j1]);
      s2 += weights[j2] * ((x[offset + j2] - mean[j2]) * inverse[j2]);
      s3 += weights[j3] * ((x[offset + j3] - mean[j3]) * inverse[j3]);
    }
    for (; k < a; k++) {
      int j = active[k];
      s0 += weights[j] * ((x[offset + j] - mean[j]) * inverse[j]);
    }
    return intercept + ((s0 + s1) + (s2 + s3));
  }

  /** Spreads a vector over the non-constant columns to full width, with 0 for constant columns. */
  double[] expand(double[] compact) {
    double[] full = new double[mean.length];
    for (int k = 0; k < active.length; k++) {
      full[active[k]] = compact[k];
    }
    return full;
  }
}
