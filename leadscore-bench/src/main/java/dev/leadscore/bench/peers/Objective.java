package dev.leadscore.bench.peers;

/**
 * The shared objective, evaluated independently of every solver:
 * {@code f(b, w) = sum_i [log(1 + e^{t_i}) - y_i t_i] + (lambda/2)||w||^2}, {@code t_i = b + w.z_i}
 * (the intercept is not penalised). scikit-learn's {@code LogisticRegression(C = 1/lambda)},
 * liblinear's {@code L2R_LR} with {@code C = 1/lambda} and an unregularised bias, Smile's
 * {@code binomial(x, y, lambda, ...)} and leadscore's solver all minimise it.
 */
public final class Objective {
  private Objective() {}

  /**
   * {@code max_j |df/dtheta_j| / n} over the intercept and the weights: the stopping measure of
   * leadscore's solver ("relative" gradient of the mean objective), used to say how converged a
   * peer's solution really is.
   */
  public static double maxGradientOverN(double[] z, int n, int d, boolean[] y, double lambda, Coefficients c) {
    double[] w = c.weights();
    double[] g = new double[d + 1];
    for (int i = 0; i < n; i++) {
      int off = i * d;
      double t = c.intercept();
      for (int j = 0; j < d; j++) {
        t += w[j] * z[off + j];
      }
      double p = t >= 0 ? 1.0 / (1.0 + Math.exp(-t)) : Math.exp(t) / (1.0 + Math.exp(t));
      double r = p - (y[i] ? 1.0 : 0.0);
      g[0] += r;
      for (int j = 0; j < d; j++) {
        g[j + 1] += r * z[off + j];
      }
    }
    double m = Math.abs(g[0]);
    for (int j = 0; j < d; j++) {
      m = Math.max(m, Math.abs(g[j + 1] + lambda * w[j]));
    }
    return m / n;
  }
}
