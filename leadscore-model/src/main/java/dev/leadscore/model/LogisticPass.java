package dev.leadscore.model;

import java.util.Arrays;

/**
 * The fused pass of {@link LogisticSolver} over the rows: at one point {@code (b, w)} it computes
 * the penalised objective, its gradient, the Hessian weights {@code s p (1-p)} and the number of
 * rows on the wrong side of the decision boundary, in one read of the design. The loss and
 * weights use forms that neither overflow nor cancel ({@code p(1-p) = e / (1+e)^2} with
 * {@code e = exp(-|t|)}).
 *
 * <p>Rows are split into the fixed blocks of {@link Workers} and the per-block partial sums added
 * in block order, so results are bit-identical for any thread count. Memory: per-block partials,
 * allocated once and reused. Reads the design, labels and weights, never modifies them. Not
 * thread-safe.
 */
final class LogisticPass {
  private final Design design;
  private final boolean[] y;
  private final double[] s;
  private final Workers workers;
  private final int n;
  private final int d;
  private final int dim;
  private final int blocks;
  private final double[] gradPart;
  private final double[] lossPart;
  private final int[] wrongPart;
  private int lastWrong;
  // The penalty's centre in the solver's coordinates (weights only), or null for zero.
  private double[] centre;

  /** @param sampleWeights weights, one per row, or null for unit weights (checked by the solver) */
  LogisticPass(Design design, boolean[] y, double[] sampleWeights, Workers workers) {
    this.design = design;
    this.y = y;
    this.s = sampleWeights;
    this.workers = workers;
    this.n = design.n;
    this.d = design.d;
    this.dim = d + 1;
    this.blocks = Workers.blockCount(n);
    this.gradPart = new double[blocks * dim];
    this.lossPart = new double[blocks];
    this.wrongPart = new int[blocks];
  }

  /**
   * Centres the penalty at {@code c}: {@code (lambda / 2) ||w - c||²} (a rule prior's weights); null
   * for the usual {@code ||w||²}. Kept by reference.
   */
  void centre(double[] c) {
    this.centre = c;
  }

  /** Rows misclassified at the point of the last {@link #evaluate} (ties count as wrong). */
  int wrong() {
    return lastWrong;
  }

  /**
   * One fused pass: loss, gradient and Hessian weights at {@code beta}. Returns the penalised
   * objective; {@code g} receives the penalised gradient, {@code h} the weights {@code s p (1-p)}.
   */
  double evaluate(double[] beta, double[] h, double[] g, double lambda) {
    workers.forEach(blocks, b -> lossGradientBlock(b, beta, h));
    Arrays.fill(g, 0.0);
    double loss = 0;
    int wrong = 0;
    for (int b = 0; b < blocks; b++) {
      loss += lossPart[b];
      wrong += wrongPart[b];
      int off = b * dim;
      for (int j = 0; j < dim; j++) {
        g[j] += gradPart[off + j];
      }
    }
    lastWrong = wrong;
    double penalty = 0;
    for (int j = 1; j < dim; j++) {
      double off = centre == null ? beta[j] : beta[j] - centre[j - 1];
      penalty += off * off;
      g[j] += lambda * off;
    }
    return loss + 0.5 * lambda * penalty;
  }

  private void lossGradientBlock(int block, double[] beta, double[] h) {
    int r0 = Workers.blockStart(n, blocks, block);
    int r1 = Workers.blockStart(n, blocks, block + 1);
    double[] z = design.z;
    double[] g = gradPart;
    int go = block * dim + 1;
    Arrays.fill(g, go - 1, go + d, 0.0);
    double b0 = beta[0];
    double loss = 0;
    double g0 = 0;
    int wrong = 0;
    for (int i = r0; i < r1; i++) {
      int off = i * d;
      double eta = LogisticSolver.linear(b0, beta, z, off, d);
      double e = Math.exp(-Math.abs(eta));
      double onePlus = 1.0 + e;
      double big = 1.0 / onePlus; // probability of the side eta points to
      double small = e / onePlus; // probability of the other side
      double si = s == null ? 1.0 : s[i];
      double r;
      double li;
      if (y[i]) {
        r = eta >= 0 ? -small : -big; // p - 1
        li = (eta < 0 ? -eta : 0.0) + log1pSmall(e, onePlus);
        if (eta <= 0) {
          wrong++;
        }
      } else {
        r = eta >= 0 ? big : small; // p
        li = (eta > 0 ? eta : 0.0) + log1pSmall(e, onePlus);
        if (eta >= 0) {
          wrong++;
        }
      }
      loss += si * li;
      r *= si;
      g0 += r;
      for (int j = 0; j < d; j++) {
        g[go + j] += r * z[off + j];
      }
      h[i] = si * (big * small);
    }
    g[go - 1] = g0;
    lossPart[block] = loss;
    wrongPart[block] = wrong;
  }

  /** {@code log(1 + e)} for {@code e} in [0, 1], given {@code onePlus = 1 + e}, to a few ulps. */
  static double log1pSmall(double e, double onePlus) {
    if (onePlus == 1.0) {
      return e;
    }
    return Math.log(onePlus) * (e / (onePlus - 1.0));
  }
}
