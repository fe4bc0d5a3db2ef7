package dev.leadscore.model.eval;

import dev.leadscore.model.internal.IndexSort;
import java.util.Arrays;

/**
 * Rank-based kernels behind ROC AUC: exact, ties counted one half. Stateless.
 */
final class Ranking {
  private Ranking() {}

  /**
   * Unweighted AUC by sorting each class's scores (primitive sorts) and sweeping them together:
   * for every positive, the negatives strictly below it count 1 and those equal count 1/2. All
   * counts are integers below 2^53, so the numerator is exact and the result has one rounding.
   * Returns NaN when a class is empty. O(n log n).
   */
  static double aucUnweighted(double[] scores, boolean[] labels) {
    int positives = Inputs.count(labels, true);
    int negatives = scores.length - positives;
    if (positives == 0 || negatives == 0) {
      return Double.NaN;
    }
    double[] pos = new double[positives];
    double[] neg = new double[negatives];
    for (int i = 0, p = 0, q = 0; i < scores.length; i++) {
      double s = scores[i] + 0.0; // -0.0 -> 0.0
      if (labels[i]) {
        pos[p++] = s;
      } else {
        neg[q++] = s;
      }
    }
    Arrays.sort(pos);
    Arrays.sort(neg);
    double numerator = 0.0;
    int below = 0; // negatives strictly below v
    int atOrBelow = 0; // negatives <= v
    int i = 0;
    while (i < positives) {
      double v = pos[i];
      int run = 0;
      while (i < positives && pos[i] == v) {
        run++;
        i++;
      }
      while (below < negatives && neg[below] < v) {
        below++;
      }
      if (atOrBelow < below) {
        atOrBelow = below;
      }
      while (atOrBelow < negatives && neg[atOrBelow] <= v) {
        atOrBelow++;
      }
      // 2·(below + ties/2) keeps the sum in integers; halve once at the end.
      numerator += (double) run * (2L * below + (atOrBelow - below));
    }
    return numerator / 2.0 / ((double) positives * negatives);
  }

  /**
   * Weighted AUC over rows already sorted ascending by score ({@code order}), with per-row
   * multiplicities {@code m} (weights, or bootstrap counts times weights). Each tie group adds
   * {@code W₊(group)·(W₋ below + W₋(group)/2)}. Returns NaN when a class has zero weight. O(n).
   */
  static double aucSorted(int[] order, double[] scores, boolean[] labels, double[] m) {
    double numerator = 0.0;
    double negBelow = 0.0;
    double posTotal = 0.0;
    int n = order.length;
    int j = 0;
    while (j < n) {
      double v = scores[order[j]];
      double gp = 0.0;
      double gn = 0.0;
      while (j < n && scores[order[j]] == v) {
        int i = order[j];
        double w = m == null ? 1.0 : m[i];
        if (labels[i]) {
          gp += w;
        } else {
          gn += w;
        }
        j++;
      }
      numerator += gp * (negBelow + 0.5 * gn);
      negBelow += gn;
      posTotal += gp;
    }
    if (!(posTotal > 0.0 && negBelow > 0.0)) {
      return Double.NaN;
    }
    return numerator / (posTotal * negBelow);
  }

  /** Row indices sorted ascending by score, ties in input order. O(n log n). */
  static int[] ascending(double[] scores) {
    int[] idx = new int[scores.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    return IndexSort.stableAscending(idx, scores);
  }

  /** Row indices sorted descending by score, ties in input order. O(n log n). */
  static int[] descending(double[] scores) {
    int n = scores.length;
    int[] asc = ascending(scores);
    // Reverse the tie groups' order but keep input order within each group.
    int[] out = new int[n];
    int o = 0;
    int end = n;
    while (end > 0) {
      int start = end - 1;
      double v = scores[asc[start]];
      while (start > 0 && scores[asc[start - 1]] == v) {
        start--;
      }
      for (int k = start; k < end; k++) {
        out[o++] = asc[k];
      }
      end = start;
    }
    return out;
  }
}
