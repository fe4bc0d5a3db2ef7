package dev.leadscore.model.internal;

/**
 * A stable merge sort of row indices by a primitive key, without boxing, shared by calibration and
 * evaluation. Public only so both packages can call it: the package is not exported. Stateless.
 */
public final class IndexSort {
  private IndexSort() {}

  /**
   * The indices reordered so that {@code key[idx]} is ascending; indices with equal keys keep
   * their relative order. Keys must not be NaN; {@code -0.0} and {@code 0.0} are equal.
   * O(n log n) time, O(n) extra memory. May return {@code idx} itself or a new array.
   */
  public static int[] stableAscending(int[] idx, double[] key) {
    int n = idx.length;
    int[] src = idx.clone();
    int[] dst = new int[n];
    for (int width = 1; width < n; width *= 2) {
      for (int lo = 0; lo < n; lo += 2 * width) {
        int mid = Math.min(lo + width, n);
        int hi = Math.min(lo + 2 * width, n);
        int a = lo;
        int b = mid;
        int o = lo;
        while (a < mid && b < hi) {
          // Take from the right run only when strictly smaller: that is what keeps it stable.
          if (key[src[b]] < key[src[a]]) {
            dst[o++] = src[b++];
          } else {
            dst[o++] = src[a++];
          }
        }
        while (a < mid) {
          dst[o++] = src[a++];
        }
        while (b < hi) {
          dst[o++] = src[b++];
        }
      }
      int[] tmp = src;
      src = dst;
      dst = tmp;
    }
    return src;
  }
}
