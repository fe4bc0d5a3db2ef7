package dev.leadscore.rules;

import java.util.Arrays;

/**
 * Exact ROC AUC by the Mann-Whitney statistic with ties: the probability that a random converted
 * lead scores above a random unconverted one, ties counting one half. Sorts once and walks groups
 * of equal scores, so it is O(n log n) and exact (no trapezoids over a sampled curve). Stateless.
 */
final class Auc {
  private Auc() {}

  /**
   * @param scores any finite numbers, higher meaning more likely to convert
   * @param positive whether each lead converted
   * @throws IllegalArgumentException if lengths differ or a class is empty
   */
  static double of(double[] scores, boolean[] positive) {
    int n = scores.length;
    if (positive.length != n) {
      throw new IllegalArgumentException("scores and labels differ in length: " + n + " vs " + positive.length);
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(scores[a], scores[b]));
    long pos = 0;
    long neg = 0;
    double wins = 0; // pairs (pos, neg) with pos above neg, ties counting 1/2
    long negBelow = 0;
    int i = 0;
    while (i < n) {
      int j = i;
      long p = 0;
      long q = 0;
      while (j < n && scores[idx[j]] == scores[idx[i]]) {
        if (positive[idx[j]]) {
          p++;
        } else {
          q++;
        }
        j++;
      }
      wins += p * (double) negBelow + 0.5 * p * (double) q;
      negBelow += q;
      pos += p;
      neg += q;
      i = j;
    }
    if (pos == 0 || neg == 0) {
      throw new IllegalArgumentException("AUC needs both classes, got " + pos + " converted and " + neg + " not");
    }
    return wins / ((double) pos * neg);
  }
}
