package dev.leadscore.model.eval;

/** Argument checks shared by the metrics; messages name the argument, the index and the value. */
final class Inputs {
  private Inputs() {}

  /** Scores: non-null, non-empty, no NaN (infinities are allowed: only their order matters). */
  static void scores(String name, double[] scores, boolean[] labels) {
    lengths(name, scores, labels);
    for (int i = 0; i < scores.length; i++) {
      if (Double.isNaN(scores[i])) {
        throw new IllegalArgumentException(name + "[" + i + "] is NaN");
      }
    }
  }

  /** Probabilities: non-null, non-empty, each in [0, 1]. */
  static void probabilities(String name, double[] p, boolean[] labels) {
    lengths(name, p, labels);
    for (int i = 0; i < p.length; i++) {
      if (!(p[i] >= 0.0 && p[i] <= 1.0)) {
        throw new IllegalArgumentException(name + "[" + i + "] must be a probability in [0, 1], got " + p[i]);
      }
    }
  }

  private static void lengths(String name, double[] values, boolean[] labels) {
    if (values == null) {
      throw new NullPointerException(name);
    }
    if (labels == null) {
      throw new NullPointerException("labels");
    }
    if (values.length == 0) {
      throw new IllegalArgumentException("cannot compute a metric on empty input (0 " + name + ")");
    }
    if (labels.length != values.length) {
      throw new IllegalArgumentException(name + " and labels must have the same length, got "
          + values.length + " " + name + " and " + labels.length + " labels");
    }
  }

  /**
   * Optional weights: null, or one finite non-negative weight per row with a positive finite
   * total.
   *
   * @return the total weight (the row count when null)
   */
  static double weights(double[] weights, int n) {
    if (weights == null) {
      return n;
    }
    if (weights.length != n) {
      throw new IllegalArgumentException("weights must have one entry per row, got " + weights.length
          + " weights for " + n + " rows");
    }
    double total = 0.0;
    for (int i = 0; i < n; i++) {
      double w = weights[i];
      if (!(w >= 0.0 && w < Double.POSITIVE_INFINITY)) {
        throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, got " + w);
      }
      total += w;
    }
    if (!(total > 0.0 && total < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("the total weight must be positive and finite, got " + total);
    }
    return total;
  }

  static double weight(double[] weights, int i) {
    return weights == null ? 1.0 : weights[i];
  }

  static int count(boolean[] labels, boolean value) {
    int c = 0;
    for (boolean b : labels) {
      if (b == value) {
        c++;
      }
    }
    return c;
  }
}
