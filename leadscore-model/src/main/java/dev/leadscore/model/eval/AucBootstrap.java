package dev.leadscore.model.eval;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The stratified percentile bootstrap behind {@link Metrics#rocAucInterval}: the resampling, one
 * AUC per replicate over the once-sorted leads, and the interpolated quantiles. Resampling order,
 * interval and cost are documented on {@link Metrics#rocAucInterval}.
 *
 * <p>Stateless and thread-safe; deterministic for a given seed.
 */
final class AucBootstrap {
  private AucBootstrap() {}

  /**
   * The interval around {@code estimate} from {@code resamples} replicates; inputs already
   * validated by {@link Metrics#rocAucInterval}.
   */
  static Interval interval(double[] scores, boolean[] labels, double[] weights, int resamples, double level,
      long seed, double estimate) {
    int n = scores.length;
    int[] order = Ranking.ascending(scores);
    int[] pos = rowsOf(labels, weights, true);
    int[] neg = rowsOf(labels, weights, false);
    SplittableRandom random = new SplittableRandom(seed);
    double[] multiplicity = new double[n];
    double[] replicates = new double[resamples];
    for (int r = 0; r < resamples; r++) {
      Arrays.fill(multiplicity, 0.0);
      for (int k = 0; k < pos.length; k++) {
        multiplicity[pos[random.nextInt(pos.length)]] += 1.0;
      }
      for (int k = 0; k < neg.length; k++) {
        multiplicity[neg[random.nextInt(neg.length)]] += 1.0;
      }
      if (weights != null) {
        for (int i = 0; i < n; i++) {
          multiplicity[i] *= weights[i];
        }
      }
      replicates[r] = Ranking.aucSorted(order, scores, labels, multiplicity);
    }
    Arrays.sort(replicates);
    double lower = quantile(replicates, (1.0 - level) / 2.0);
    double upper = quantile(replicates, (1.0 + level) / 2.0);
    return new Interval(lower, estimate, upper, level);
  }

  /** Linear-interpolated quantile of an ascending array, as numpy's percentile(method='linear'). */
  static double quantile(double[] ascending, double q) {
    double h = (ascending.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, ascending.length - 1);
    double frac = h - lo;
    return ascending[lo] + frac * (ascending[hi] - ascending[lo]);
  }

  /** The rows of one class with a positive weight, ascending. */
  private static int[] rowsOf(boolean[] labels, double[] weights, boolean label) {
    int c = 0;
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] == label && (weights == null || weights[i] > 0.0)) {
        c++;
      }
    }
    int[] rows = new int[c];
    for (int i = 0, k = 0; i < labels.length; i++) {
      if (labels[i] == label && (weights == null || weights[i] > 0.0)) {
        rows[k++] = i;
      }
    }
    return rows;
  }
}
