package dev.leadscore.model.monitor;

import dev.leadscore.model.monitor.Health.Status;

/**
 * The drift statistics of a {@link Monitor}, free of any model: the population stability index,
 * Pearson's two-sample chi-square and its noise-gate critical value, the two-proportion z of a
 * rate change, and the statuses their thresholds (the constants on {@link Monitor}) give. Why the
 * PSI needs the chi-square gate is explained on {@link Monitor}.
 *
 * <p>Stateless and thread-safe.
 */
final class DriftStatistics {
  private DriftStatistics() {}

  /** {@link Monitor#psi}. */
  static double psi(double[] reference, double[] current) {
    if (reference.length != current.length) {
      throw new IllegalArgumentException("psi needs one current share per reference share, got " + reference.length
          + " reference and " + current.length + " current shares");
    }
    double sum = 0;
    for (int i = 0; i < reference.length; i++) {
      if (!(reference[i] >= 0 && Double.isFinite(reference[i]) && current[i] >= 0 && Double.isFinite(current[i]))) {
        throw new IllegalArgumentException("psi shares must be finite and >= 0, got reference[" + i + "] = "
            + reference[i] + ", current[" + i + "] = " + current[i]);
      }
      double e = Math.max(reference[i], Monitor.PSI_EPSILON);
      double a = Math.max(current[i], Monitor.PSI_EPSILON);
      sum += (a - e) * Math.log(a / e);
    }
    return Math.max(0.0, sum);
  }

  /** {@link Monitor#chiSquare}. */
  static double chiSquare(double[] reference, long trainingRows, double[] current, long n) {
    if (reference.length != current.length || trainingRows < 1 || n < 1) {
      throw new IllegalArgumentException("chiSquare needs shares of equal length and counts >= 1, got "
          + reference.length + " and " + current.length + " shares, trainingRows=" + trainingRows + ", n=" + n);
    }
    double total = (double) trainingRows + n;
    double scale = (double) trainingRows * n / total;
    double x2 = 0;
    for (int j = 0; j < reference.length; j++) {
      double pooled = (trainingRows * reference[j] + n * current[j]) / total;
      if (pooled > 0) {
        double d = current[j] - reference[j];
        x2 += scale * d * d / pooled;
      }
    }
    return x2;
  }

  /**
   * The chi-square value that sampling noise exceeds with probability {@link Monitor#NOISE_P} (0.1 %) at
   * the given degrees of freedom, by the Wilson–Hilferty approximation (10.83 exact against 11.16
   * at one degree of freedom, 27.88 against 28.06 at nine); {@code +Infinity} for 0 degrees of
   * freedom, where nothing can differ.
   *
   * @throws IllegalArgumentException if {@code degreesOfFreedom < 0}
   */
  static double chiSquareCritical(int degreesOfFreedom) {
    if (degreesOfFreedom < 0) {
      throw new IllegalArgumentException("degreesOfFreedom must be >= 0, got " + degreesOfFreedom);
    }
    return degreesOfFreedom == 0 ? Double.POSITIVE_INFINITY : chiSquareQuantile(degreesOfFreedom, Monitor.NOISE_Z_ONE_SIDED);
  }

  /** Wilson–Hilferty: {@code ν (1 − 2/(9ν) + z sqrt(2/(9ν)))³}. */
  static double chiSquareQuantile(int dof, double z) {
    double a = 2.0 / (9.0 * dof);
    double c = 1 - a + z * Math.sqrt(a);
    return dof * c * c * c;
  }

  /** Bins with a non-zero share on either side. */
  static int nonEmptyBins(double[] reference, double[] current) {
    int k = 0;
    for (int i = 0; i < reference.length; i++) {
      k += reference[i] > 0 || current[i] > 0 ? 1 : 0;
    }
    return Math.max(1, k);
  }

  /** The status of a PSI: past a threshold and significant. */
  static Status psiStatus(double psi, double chiSquare, int degreesOfFreedom) {
    return chiSquare < chiSquareCritical(degreesOfFreedom) ? Status.OK : psiStatus(psi);
  }

  /** Pooled two-proportion z of a rate change; 0 when the pooled rate is 0 or 1. */
  static double twoProportionZ(double reference, long trainingRows, double current, long n) {
    double pooled = (reference * trainingRows + current * n) / (trainingRows + n);
    double var = pooled * (1 - pooled) * (1.0 / n + 1.0 / trainingRows);
    return var <= 0 ? 0.0 : (current - reference) / Math.sqrt(var);
  }

  static Status psiStatus(double psi) {
    return psi >= Monitor.PSI_ACT ? Status.RETRAIN : psi >= Monitor.PSI_WATCH ? Status.WATCH : Status.OK;
  }

  static Status missingStatus(double change) {
    double a = Math.abs(change);
    return a >= Monitor.MISSING_RATE_ACT ? Status.RETRAIN : a >= Monitor.MISSING_RATE_WATCH ? Status.WATCH : Status.OK;
  }

  /** Shares of a categorical group: per level {@code c_k / n}, scaled down if levels overlap; then "no level". */
  static double[] categoricalShares(long[] counts, long n) {
    double[] s = new double[counts.length];
    double sumLevels = 0;
    for (int k = 0; k < counts.length - 1; k++) {
      s[k] = (double) counts[k] / n;
      sumLevels += s[k];
    }
    double scale = Math.max(1.0, sumLevels);
    for (int k = 0; k < counts.length - 1; k++) {
      s[k] /= scale;
    }
    s[counts.length - 1] = (double) counts[counts.length - 1] / n / scale;
    return s;
  }

  static double clamp(double share) {
    return Math.max(0.0, Math.min(1.0, share));
  }
}
