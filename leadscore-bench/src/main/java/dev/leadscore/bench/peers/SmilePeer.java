package dev.leadscore.bench.peers;

import smile.classification.LogisticRegression;

/**
 * Smile 2.6.0 (LGPL-3.0; a benchmark peer only, never shipped): {@code
 * LogisticRegression.binomial(double[][] x, int[] y, lambda, tol, maxIter)}, L-BFGS on
 * {@code sum logloss + (lambda/2)||w||^2} with an unpenalised intercept. Its coefficient vector is
 * {@code [w_0 .. w_{p-1}, b]} (the intercept last).
 */
public final class SmilePeer {
  /** The tolerance and iteration cap the peer scouting used ({@code tol = 1e-5, maxIter = 500}). */
  public static final double TOL = 1e-5;
  public static final int MAX_ITER = 500;

  private SmilePeer() {}

  /** Rows as Smile wants them. */
  public static double[][] rows(double[] z, int n, int d) {
    double[][] x = new double[n][];
    for (int i = 0; i < n; i++) {
      x[i] = java.util.Arrays.copyOfRange(z, i * d, i * d + d);
    }
    return x;
  }

  /** Labels as Smile wants them (0/1). */
  public static int[] labels(boolean[] y) {
    int[] out = new int[y.length];
    for (int i = 0; i < y.length; i++) {
      out[i] = y[i] ? 1 : 0;
    }
    return out;
  }

  public static LogisticRegression.Binomial fit(double[][] x, int[] y, double lambda, double tol, int maxIter) {
    return LogisticRegression.binomial(x, y, lambda, tol, maxIter);
  }

  public static Coefficients coefficients(LogisticRegression.Binomial model, int d) {
    double[] c = model.coefficients();
    if (c.length != d + 1) {
      throw new IllegalStateException("Smile returned " + c.length + " coefficients for " + d + " columns");
    }
    return new Coefficients("Smile 2.6.0", c[d], java.util.Arrays.copyOf(c, d), -1);
  }

  /** P(y = 1) of one row through Smile's own API ({@code predict(x, posteriori)}). */
  public static double probability(LogisticRegression.Binomial model, double[] row, double[] posteriori) {
    model.predict(row, posteriori);
    return posteriori[1];
  }
}
