package dev.leadscore.model;

import dev.leadscore.core.schema.Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Chooses a few pairwise products of columns for one training set, as explainable boosting
 * machines choose their pairs: rank every candidate pair by how much it would explain of the
 * main-effects model's residuals, then keep, greedily in rank order, those that improve the
 * log loss of rows held out of the training set.
 *
 * <p><b>Candidates.</b> Products {@code x_a·x_b} of two columns of <em>different</em> features,
 * each a value column (a numeric, boolean, ordinal or event value) or a one-hot level with at least
 * {@link #MIN_SUPPORT} rows and {@link #MIN_SHARE} of the rows on either side; at most one pair per pair of features (the best
 * ranked). A product of columns is exactly explainable: the two-player Shapley split shares it
 * between its two features.
 *
 * <p><b>Ranking.</b> The training rows are split (stratified, seeded) into an inner 80 % and a
 * 20 % check. On the inner rows the main-effects model is fitted at the given lambda; with its
 * residuals {@code r = y - p} and weights {@code h = p(1-p)}, a candidate's standardised product
 * {@code z} gains about {@code (Σ r z)² / (2 (Σ h z² + lambda))} in penalised log-likelihood (the
 * first Newton step from zero on that one new column: the score test).
 *
 * <p><b>Keeping.</b> The best {@code 2 x maxPairs} candidates are tried in rank order; each is kept
 * when the model with it (and the pairs kept so far), refitted on the inner rows at the same
 * lambda, lowers the check rows' mean log loss by at least {@link #MIN_IMPROVEMENT}; at most
 * {@code maxPairs} are kept.
 *
 * <p>Cost: one main fit, {@code O(E² n)} for E eligible columns, and up to {@code 3 x maxPairs}
 * refits (here {@code 2 x maxPairs}). Deterministic for the same inputs and seed. Stateless.
 */
final class PairSelection {
  /** Rows a one-hot level needs on each side to be a candidate parent (at least; see {@link #MIN_SHARE}). */
  static final int MIN_SUPPORT = 20;
  /** Share of the rows a one-hot level needs on each side to be a candidate parent. */
  static final double MIN_SHARE = 0.05;
  /**
   * The smallest drop in the check rows' mean log loss for which a pair is kept: on X Education,
   * thresholds of 2e-4 kept level-by-level pairs that differed from fold to fold and lowered the
   * out-of-fold AUC, i.e. noise.
   */
  static final double MIN_IMPROVEMENT = 1e-3;

  private PairSelection() {}

  /** A chosen pair of parent columns (indices into the training matrix), with its ranking gain. */
  record Pair(int left, int right, double gain, double checkLogLossDrop) {}

  /**
   * @param x raw row-major {@code n x d} training matrix; not modified
   * @param columns the matrix's columns (roles and features)
   * @return the kept pairs in the order they were kept (empty when none helps)
   */
  static List<Pair> select(double[] x, int n, int d, boolean[] y, List<Column> columns, boolean[] indicators,
      double lambda, int maxPairs, long seed, ClassWeights classWeights, int maxIterations, double tolerance,
      Workers workers) {
    if (maxPairs == 0 || columns == null || n < 5 * MIN_SUPPORT) {
      return List.of();
    }
    int[] fold = Folds.stratified(y, 5, seed ^ 0x9E3779B97F4A7C15L);
    int nCheck = 0;
    for (int f : fold) {
      nCheck += f == 0 ? 1 : 0;
    }
    int nIn = n - nCheck;
    double[] xIn = new double[nIn * d];
    double[] xCheck = new double[nCheck * d];
    boolean[] yIn = new boolean[nIn];
    boolean[] yCheck = new boolean[nCheck];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (fold[i] == 0) {
        System.arraycopy(x, i * d, xCheck, b * d, d);
        yCheck[b++] = y[i];
      } else {
        System.arraycopy(x, i * d, xIn, a * d, d);
        yIn[a++] = y[i];
      }
    }
    int[] eligible = eligible(xIn, nIn, d, columns);
    int[] scaleFrom = Extraction.scaleFrom(columns);
    Scales scales = new Scales(indicators, scaleFrom);
    LinearModel main = fit(xIn, nIn, d, yIn, new int[0][], scales, lambda, classWeights, maxIterations, tolerance,
        workers);
    double[] r = new double[nIn];
    double[] h = new double[nIn];
    for (int i = 0; i < nIn; i++) {
      double p = 1.0 / (1.0 + Math.exp(-main.logit(xIn, i * d)));
      r[i] = (yIn[i] ? 1.0 : 0.0) - p;
      h[i] = p * (1.0 - p);
    }
    List<Pair> ranked = rank(xIn, nIn, d, eligible, columns, r, h, lambda);
    double current = checkLogLoss(main, xCheck, nCheck, d, yCheck, new int[0][]);
    List<Pair> kept = new ArrayList<>();
    int tries = Math.min(ranked.size(), 2 * maxPairs);
    for (int t = 0; t < tries && kept.size() < maxPairs; t++) {
      Pair c = ranked.get(t);
      int[][] trial = new int[kept.size() + 1][];
      for (int k = 0; k < kept.size(); k++) {
        trial[k] = new int[] {kept.get(k).left(), kept.get(k).right()};
      }
      trial[kept.size()] = new int[] {c.left(), c.right()};
      double[] aug = withProducts(xIn, nIn, d, trial);
      LinearModel m = fit(aug, nIn, d, yIn, trial, scales, lambda, classWeights, maxIterations, tolerance, workers);
      double loss = checkLogLoss(m, xCheck, nCheck, d, yCheck, trial);
      if (loss <= current - MIN_IMPROVEMENT) {
        kept.add(new Pair(c.left(), c.right(), c.gain(), current - loss));
        current = loss;
      }
    }
    return List.copyOf(kept);
  }

  /** Value columns and well-supported levels that vary on these rows. */
  private static int[] eligible(double[] x, int n, int d, List<Column> columns) {
    List<Integer> out = new ArrayList<>();
    for (Column c : columns) {
      int j = c.index();
      if (c.role() != Column.Role.VALUE && c.role() != Column.Role.LEVEL) {
        continue;
      }
      double first = x[j];
      boolean varies = false;
      int ones = 0;
      for (int i = 0; i < n; i++) {
        double v = x[i * d + j];
        varies |= v != first;
        ones += v != 0 ? 1 : 0;
      }
      int support = Math.max(MIN_SUPPORT, (int) Math.ceil(MIN_SHARE * n));
      if (!varies || c.role() == Column.Role.LEVEL && (ones < support || n - ones < support)) {
        continue;
      }
      out.add(j);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  /** Candidate pairs by the score-test gain, best first, one per pair of features. */
  static List<Pair> rank(double[] x, int n, int d, int[] eligible, List<Column> columns, double[] r, double[] h,
      double lambda) {
    int e = eligible.length;
    double[][] col = new double[e][n];
    for (int k = 0; k < e; k++) {
      for (int i = 0; i < n; i++) {
        col[k][i] = x[i * d + eligible[k]];
      }
    }
    java.util.Map<String, Pair> best = new java.util.HashMap<>();
    double[] z = new double[n];
    for (int a = 0; a < e; a++) {
      String fa = columns.get(eligible[a]).feature();
      for (int b = a + 1; b < e; b++) {
        String fb = columns.get(eligible[b]).feature();
        if (fa.equals(fb)) {
          continue;
        }
        double[] ca = col[a];
        double[] cb = col[b];
        double sum = 0;
        for (int i = 0; i < n; i++) {
          z[i] = ca[i] * cb[i];
          sum += z[i];
        }
        double mean = sum / n;
        double ss = 0;
        double g = 0;
        double hz = 0;
        for (int i = 0; i < n; i++) {
          double c = z[i] - mean;
          ss += c * c;
          g += r[i] * c;
          hz += h[i] * c * c;
        }
        if (!(ss > 0) || !Double.isFinite(ss)) {
          continue;
        }
        double var = ss / n; // standardised like the model's columns: z / sd
        double gain = g * g / var / (2.0 * (hz / var + lambda));
        String key = fa.compareTo(fb) < 0 ? fa + "\u0000" + fb : fb + "\u0000" + fa;
        Pair p = new Pair(eligible[a], eligible[b], gain, 0);
        Pair old = best.get(key);
        if (old == null || gain > old.gain()) {
          best.put(key, p);
        }
      }
    }
    List<Pair> out = new ArrayList<>(best.values());
    out.sort(Comparator.comparingDouble(Pair::gain).reversed().thenComparingInt(Pair::left).thenComparingInt(Pair::right));
    return out;
  }

  /** The matrix with one product column per pair appended to every row. */
  static double[] withProducts(double[] x, int n, int d, int[][] pairs) {
    int w = d + pairs.length;
    double[] out = new double[n * w];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x, i * d, out, i * w, d);
      for (int k = 0; k < pairs.length; k++) {
        out[i * w + d + k] = x[i * d + pairs[k][0]] * x[i * d + pairs[k][1]];
      }
    }
    return out;
  }

  /** Fits at one lambda; {@code x} has the products appended already and is overwritten. */
  private static LinearModel fit(double[] x, int n, int d, boolean[] y, int[][] pairs, Scales scales, double lambda,
      ClassWeights classWeights, int maxIterations, double tolerance, Workers workers) {
    double[] copy = pairs.length == 0 ? x.clone() : x;
    LambdaPath path = new LambdaPath(copy, n, d + pairs.length, y, Folds.sampleWeights(classWeights, y), workers, null,
        extend(scales.indicators(), pairs.length), extend(scales.scaleFrom(), pairs.length));
    return path.fit(lambda, null, maxIterations, tolerance, LogisticSolver.Listener.NONE, false);
  }

  private static double checkLogLoss(LinearModel m, double[] x, int n, int d, boolean[] y, int[][] pairs) {
    double[] aug = pairs.length == 0 ? x : withProducts(x, n, d, pairs);
    int w = d + pairs.length;
    double sum = 0;
    for (int i = 0; i < n; i++) {
      double t = m.logit(aug, i * w);
      // log(1 + e^t) - y t, without overflow
      double softplus = t > 0 ? t + Math.log1p(Math.exp(-t)) : Math.log1p(Math.exp(t));
      sum += softplus - (y[i] ? t : 0.0);
    }
    return sum / n;
  }

  private record Scales(boolean[] indicators, int[] scaleFrom) {}

  /** Indicator flags with {@code extra} product columns (numeric) appended; null stays null. */
  static boolean[] extend(boolean[] flags, int extra) {
    return flags == null ? null : Arrays.copyOf(flags, flags.length + extra);
  }

  /** Scale sources with {@code extra} product columns (own scale) appended; null stays null. */
  static int[] extend(int[] from, int extra) {
    if (from == null) {
      return null;
    }
    int[] out = Arrays.copyOf(from, from.length + extra);
    Arrays.fill(out, from.length, out.length, -1);
    return out;
  }

  /** Column index pairs as a {@code k x 2} array. */
  static int[][] indices(List<Pair> pairs) {
    int[][] out = new int[pairs.size()][];
    for (int k = 0; k < out.length; k++) {
      out[k] = new int[] {pairs.get(k).left(), pairs.get(k).right()};
    }
    return out;
  }
}
