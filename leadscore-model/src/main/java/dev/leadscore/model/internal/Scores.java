package dev.leadscore.model.internal;

/**
 * The 0–100 score scale and its histogram bins, shared by scoring, the training reference and
 * monitoring so that all three bin identically. Public only so the monitor package can call it:
 * the package is not exported. Stateless.
 */
public final class Scores {
  /** Bins of the score histogram: ten bins of width 10, 100 in the last. */
  public static final int BINS = 10;

  private Scores() {}

  /** {@code 100 * probability}, clamped to [0, 100]. */
  public static double of(double probability) {
    double s = 100.0 * probability;
    // Calibrated probabilities are in [0, 1], so the clamp almost never acts: a predictable
    // branch around it keeps Math.min/max's NaN and signed-zero handling off the scoring path.
    return s > 0.0 && s <= 100.0 ? s : Math.max(0.0, Math.min(100.0, s));
  }

  /** {@link #of(double)} of every probability, in a new array. */
  public static double[] of(double[] probabilities) {
    double[] s = new double[probabilities.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = of(probabilities[i]);
    }
    return s;
  }

  /** The histogram bin {@code floor(score / 10)}, with 100 in the last bin. */
  public static int bin(double score) {
    return Math.min(BINS - 1, Math.max(0, (int) (score / (100.0 / BINS))));
  }

  /** {@code counts[i] / total} for every bin. */
  public static double[] shares(long[] counts, long total) {
    double[] s = new double[counts.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = (double) counts[i] / total;
    }
    return s;
  }
}
