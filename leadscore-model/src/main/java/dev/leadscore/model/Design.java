package dev.leadscore.model;

/**
 * A dense design matrix of standardised features, stored row-major in one contiguous array so
 * that the solver's passes stream through memory: entry {@code (i, j)} is {@code z[i * d + j]}.
 * It has no intercept column; the solver handles the intercept itself.
 *
 * <p>Holds the caller's array without copying it (a 10^6 x 200 matrix is 1.6 GB, so there is
 * room for one copy at most); nothing here modifies it. Not thread-safe to mutate, safe to read
 * from many threads.
 */
final class Design {
  final double[] z;
  final int n;
  final int d;

  /**
   * @throws IllegalArgumentException if {@code z} holds fewer than {@code n * d} values
   */
  Design(double[] z, int n, int d) {
    if (n < 0 || d < 0 || (long) n * d > z.length) {
      throw new IllegalArgumentException("design of " + n + " x " + d + " needs " + ((long) n * d)
          + " values, the array has " + z.length);
    }
    this.z = z;
    this.n = n;
    this.d = d;
  }
}
