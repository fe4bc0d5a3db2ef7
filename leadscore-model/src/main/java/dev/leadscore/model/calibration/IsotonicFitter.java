package dev.leadscore.model.calibration;

import dev.leadscore.model.internal.IndexSort;

/**
 * Isotonic regression of labels on logits, step for step as scikit-learn's {@code
 * IsotonicRegression.fit} (with its Cython {@code _make_unique} and pool-adjacent-violators), so
 * the fitted points agree with it to rounding; see {@link Calibrator#fitIsotonic}. Stateless.
 */
final class IsotonicFitter {
  private IsotonicFitter() {}

  /**
   * Logits closer than this (absolute) to the first logit of a run are one point: numpy's
   * {@code finfo(float64).resolution}, which scikit-learn's {@code _make_unique} uses.
   */
  static final double TIE_RESOLUTION = 1e-15;

  static Calibrator.Isotonic fit(double[] x, boolean[] y, double[] w) {
    Inputs.checkFitInput(x, y, w);
    int n = x.length;
    // Keep rows of positive weight, negatives first, so that a stable sort by x orders rows by
    // (x, label) as numpy's lexsort((y, X)) does.
    int kept = 0;
    for (int i = 0; i < n; i++) {
      if (w == null || w[i] > 0.0) {
        kept++;
      }
    }
    int[] order = new int[kept];
    int k = 0;
    for (int pass = 0; pass < 2; pass++) {
      boolean label = pass == 1;
      for (int i = 0; i < n; i++) {
        if (y[i] == label && (w == null || w[i] > 0.0)) {
          order[k++] = i;
        }
      }
    }
    order = IndexSort.stableAscending(order, x);

    // Pool runs of (near-)equal x: weighted mean label, summed weight, first x of the run.
    double[] ux = new double[kept];
    double[] uy = new double[kept];
    double[] uw = new double[kept];
    int m = 0;
    double curX = x[order[0]];
    double curY = 0.0;
    double curW = 0.0;
    for (int j = 0; j < kept; j++) {
      int i = order[j];
      double xi = x[i];
      double wi = w == null ? 1.0 : w[i];
      double yi = y[i] ? 1.0 : 0.0;
      if (xi - curX >= TIE_RESOLUTION) {
        ux[m] = curX;
        uw[m] = curW;
        uy[m] = curY / curW;
        m++;
        curX = xi;
        curW = wi;
        curY = yi * wi;
      } else {
        curW += wi;
        curY += yi * wi;
      }
    }
    ux[m] = curX;
    uw[m] = curW;
    uy[m] = curY / curW;
    m++;

    poolAdjacentViolators(uy, uw, m);

    // Drop interior points equal to both neighbours: they change nothing when interpolating.
    int out = 0;
    double[] tx = new double[m];
    double[] ty = new double[m];
    for (int i = 0; i < m; i++) {
      boolean keep = i == 0 || i == m - 1 || uy[i] != uy[i - 1] || uy[i] != uy[i + 1];
      if (keep) {
        tx[out] = ux[i];
        ty[out] = uy[i];
        out++;
      }
    }
    return new Calibrator.Isotonic(java.util.Arrays.copyOf(tx, out), java.util.Arrays.copyOf(ty, out));
  }

  /**
   * In-place weighted pool-adjacent-violators on the first {@code n} entries, the single-pass
   * O(n) form of scikit-learn's {@code _inplace_contiguous_isotonic_regression}: blocks are
   * merged while a block's mean is not strictly below the next one's. For an active block
   * {@code [i..j]}, {@code target[i] = j} and {@code target[j] = i}, {@code y[i]} holds its mean
   * and {@code w[i]} its weight.
   */
  static void poolAdjacentViolators(double[] y, double[] w, int n) {
    int[] target = new int[n];
    for (int i = 0; i < n; i++) {
      target[i] = i;
    }
    int i = 0;
    while (i < n) {
      int k = target[i] + 1;
      if (k == n) {
        break;
      }
      if (y[i] < y[k]) {
        i = k;
        continue;
      }
      double sumWy = w[i] * y[i];
      double sumW = w[i];
      while (true) {
        // Within a non-increasing run of blocks: absorb block k.
        double prevY = y[k];
        sumWy += w[k] * y[k];
        sumW += w[k];
        k = target[k] + 1;
        if (k == n || prevY < y[k]) {
          y[i] = sumWy / sumW;
          w[i] = sumW;
          target[i] = k - 1;
          target[k - 1] = i;
          if (i > 0) {
            i = target[i - 1]; // back up to the previous block, which may now violate
          }
          break;
        }
      }
    }
    i = 0;
    while (i < n) {
      int k = target[i] + 1;
      for (int j = i + 1; j < k; j++) {
        y[j] = y[i];
      }
      i = k;
    }
  }
}
