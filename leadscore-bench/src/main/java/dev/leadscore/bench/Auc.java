package dev.leadscore.bench;

import java.util.Arrays;
import java.util.Comparator;

/**
 * Exact ROC AUC by the Mann–Whitney rank statistic with average ranks for ties: the probability
 * that a random converted lead outscores a random non-converted one, ties counting one half.
 * O(n log n). Stateless.
 */
final class Auc {
  private Auc() {}

  /** @return the AUC, or NaN when one class is empty */
  static double of(double[] scores, boolean[] labels) {
    int n = scores.length;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparingDouble(i -> scores[i]));
    double rankSumPos = 0;
    long pos = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      while (j + 1 < n && scores[order[j + 1]] == scores[order[i]]) {
        j++;
      }
      double avgRank = (i + j) / 2.0 + 1; // ranks are 1-based
      for (int k = i; k <= j; k++) {
        if (labels[order[k]]) {
          rankSumPos += avgRank;
          pos++;
        }
      }
      i = j + 1;
    }
    long neg = n - pos;
    if (pos == 0 || neg == 0) {
      return Double.NaN;
    }
    return (rankSumPos - pos * (pos + 1) / 2.0) / ((double) pos * neg);
  }
}
