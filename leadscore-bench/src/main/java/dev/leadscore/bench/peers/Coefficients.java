package dev.leadscore.bench.peers;

import java.util.Arrays;

/**
 * A fitted binary logistic model on a standardised design, in one common form so that the
 * implementations can be compared coefficient for coefficient: {@code logit = intercept + w.z}.
 *
 * @param library who fitted it, for tables
 * @param intercept the (unpenalised) intercept
 * @param weights one weight per column
 * @param iterations the solver's own iteration count, or -1 when the library does not report it
 */
public record Coefficients(String library, double intercept, double[] weights, int iterations) {
  public Coefficients {
    weights = weights.clone();
  }

  @Override
  public double[] weights() {
    return weights.clone();
  }

  /** max |a - b| over the intercept and every weight. */
  public double maxAbsDiff(Coefficients other) {
    if (other.weights.length != weights.length) {
      throw new IllegalArgumentException("widths differ: " + weights.length + " vs " + other.weights.length);
    }
    double m = Math.abs(intercept - other.intercept);
    for (int j = 0; j < weights.length; j++) {
      m = Math.max(m, Math.abs(weights[j] - other.weights[j]));
    }
    return m;
  }

  @Override
  public String toString() {
    return library + "[b=" + intercept + ", w=" + Arrays.toString(Arrays.copyOf(weights, Math.min(4, weights.length)))
        + (weights.length > 4 ? "..." : "") + ", iterations=" + iterations + "]";
  }
}
