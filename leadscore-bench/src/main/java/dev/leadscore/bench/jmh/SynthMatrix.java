package dev.leadscore.bench.jmh;

import java.util.SplittableRandom;

/**
 * The training-benchmark data, generated in Java like {@code shared/reference/make_synth.py}
 * (same recipe, not the same numbers: numpy's generator is not reproduced):
 * {@code mu_j ~ U(-5, 50)}, {@code s_j = exp(U(ln 0.1, ln 100))} (scales spanning 0.1 to 100),
 * {@code beta_j ~ N(0, 1) * 1.2 / sqrt(d)}, latent {@code z = sqrt(1 - rho) e + sqrt(rho) c} with
 * equicorrelation {@code rho = 0.2}, {@code P(y = 1) = sigmoid(-1.5 + beta.z)} (about 22 %
 * positives) and {@code x = mu + s * z}. Then standardised with the population standard
 * deviation, as scikit-learn's {@code StandardScaler}, so every library fits the same design.
 *
 * <p>Deterministic: row {@code i} is drawn from its own {@code SplittableRandom} split off the
 * seed, so the data is the same whatever generates it.
 */
public final class SynthMatrix {
  public static final long SEED = 42;
  public static final double RHO = 0.2;
  public static final double INTERCEPT = -1.5;

  /** Standardised design, row-major {@code n x d}. */
  public final double[] z;
  public final boolean[] y;
  public final int n;
  public final int d;
  public final double positiveRate;

  private SynthMatrix(double[] z, boolean[] y, int n, int d) {
    this.z = z;
    this.y = y;
    this.n = n;
    this.d = d;
    int pos = 0;
    for (boolean b : y) {
      pos += b ? 1 : 0;
    }
    this.positiveRate = pos / (double) n;
  }

  /** {@code "100000x33"} into {@code {100000, 33}}. */
  public static int[] shape(String shape) {
    String[] p = shape.toLowerCase(java.util.Locale.ROOT).split("x");
    return new int[] {Integer.parseInt(p[0]), Integer.parseInt(p[1])};
  }

  public static SynthMatrix of(String shape) {
    int[] s = shape(shape);
    return generate(s[0], s[1], SEED);
  }

  public static SynthMatrix generate(int n, int d, long seed) {
    if ((long) n * d > Integer.MAX_VALUE - 8) {
      throw new IllegalArgumentException(n + " x " + d + " is too large for one array");
    }
    SplittableRandom root = new SplittableRandom(seed);
    double[] mu = new double[d];
    double[] s = new double[d];
    double[] beta = new double[d];
    for (int j = 0; j < d; j++) {
      mu[j] = -5 + 55 * root.nextDouble();
      s[j] = Math.exp(Math.log(0.1) + (Math.log(100.0) - Math.log(0.1)) * root.nextDouble());
    }
    for (int j = 0; j < d; j++) {
      beta[j] = root.nextGaussian() * 1.2 / Math.sqrt(d);
    }
    double a = Math.sqrt(1 - RHO);
    double c = Math.sqrt(RHO);
    double[] x = new double[n * d];
    boolean[] y = new boolean[n];
    double[] zi = new double[d];
    for (int i = 0; i < n; i++) {
      SplittableRandom r = root.split();
      double common = r.nextGaussian();
      double logit = INTERCEPT;
      for (int j = 0; j < d; j++) {
        zi[j] = a * r.nextGaussian() + c * common;
        logit += beta[j] * zi[j];
      }
      y[i] = r.nextDouble() < 1.0 / (1.0 + Math.exp(-logit));
      int off = i * d;
      for (int j = 0; j < d; j++) {
        x[off + j] = mu[j] + s[j] * zi[j];
      }
    }
    standardise(x, n, d);
    return new SynthMatrix(x, y, n, d);
  }

  /** In place: {@code (x - mean) / std}, population std, a zero std becomes 1. */
  static void standardise(double[] x, int n, int d) {
    double[] mean = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        mean[j] += x[i * d + j];
      }
    }
    for (int j = 0; j < d; j++) {
      mean[j] /= n;
    }
    double[] ss = new double[d];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double dev = x[i * d + j] - mean[j];
        ss[j] += dev * dev;
      }
    }
    double[] inv = new double[d];
    for (int j = 0; j < d; j++) {
      double sd = Math.sqrt(ss[j] / n);
      inv[j] = sd > 0 ? 1.0 / sd : 1.0;
    }
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        x[i * d + j] = (x[i * d + j] - mean[j]) * inv[j];
      }
    }
  }

  /** One row of the design. */
  public double[] row(int i) {
    return java.util.Arrays.copyOfRange(z, i * d, i * d + d);
  }
}
