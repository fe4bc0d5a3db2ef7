package dev.leadscore.model;

import java.util.SplittableRandom;

/**
 * Stratified K-fold assignment and the per-row weights of a class-weight option. Stateless.
 */
final class Folds {
  private Folds() {}

  /**
   * Assigns each row to one of {@code k} folds so that every fold gets the same number of
   * converted rows (and of the others) to within one. Each class's row indices are shuffled by
   * Fisher-Yates with one {@link SplittableRandom} seeded with {@code seed} (converted rows first)
   * and dealt round-robin; the non-converted rows continue the deal where the converted ones
   * stopped, so fold sizes also differ by at most one. Deterministic. O(n).
   *
   * @throws TrainingException if a class has fewer than {@code k} rows
   */
  static int[] stratified(boolean[] y, int k, long seed) {
    int n = y.length;
    int pos = 0;
    for (boolean b : y) {
      if (b) {
        pos++;
      }
    }
    int neg = n - pos;
    if (pos < k || neg < k) {
      throw new TrainingException(k + "-fold cross-validation needs at least " + k + " converted and " + k
          + " non-converted leads, got " + pos + " converted and " + neg + " non-converted");
    }
    int[] p = new int[pos];
    int[] q = new int[neg];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (y[i]) {
        p[a++] = i;
      } else {
        q[b++] = i;
      }
    }
    SplittableRandom random = new SplittableRandom(seed);
    shuffle(p, random);
    shuffle(q, random);
    int[] fold = new int[n];
    for (int i = 0; i < pos; i++) {
      fold[p[i]] = i % k;
    }
    for (int i = 0; i < neg; i++) {
      fold[q[i]] = (pos + i) % k;
    }
    return fold;
  }

  /**
   * Forward-chaining blocks ({@link FoldScheme#FORWARD_CHAINING}): row {@code i} of {@code n}, in
   * the given (time) order, goes to block {@code floor(i (k + 1) / n)}, so the {@code k + 1}
   * consecutive blocks differ in size by at most one. Validation {@code v = 0..k-1} fits on blocks
   * {@code 0..v} and predicts block {@code v + 1} ({@link LeadFoldSource}). O(n).
   */
  static int[] forwardBlocks(int n, int k) {
    int[] block = new int[n];
    for (int i = 0; i < n; i++) {
      block[i] = (int) ((long) i * (k + 1) / n);
    }
    return block;
  }

  private static void shuffle(int[] a, SplittableRandom random) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  /** Per-row weights of a class-weight option, or null for unit weights. */
  static double[] sampleWeights(ClassWeights weights, boolean[] y) {
    if (weights instanceof ClassWeights.None) {
      return null;
    }
    double wPos;
    double wNeg;
    if (weights instanceof ClassWeights.Explicit e) {
      wPos = e.converted();
      wNeg = e.notConverted();
    } else {
      int pos = 0;
      for (boolean b : y) {
        if (b) {
          pos++;
        }
      }
      int neg = y.length - pos;
      wPos = pos == 0 ? 0 : y.length / (2.0 * pos);
      wNeg = neg == 0 ? 0 : y.length / (2.0 * neg);
    }
    double[] s = new double[y.length];
    for (int i = 0; i < y.length; i++) {
      s[i] = y[i] ? wPos : wNeg;
    }
    return s;
  }
}
