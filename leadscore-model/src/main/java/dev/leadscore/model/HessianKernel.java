package dev.leadscore.model;

import java.util.Arrays;

/**
 * Accumulates {@code sum_i h_i [1 z_i][1 z_i]'} over the rows of a row-major design: the logistic
 * Hessian without the penalty, with the intercept as coordinate 0.
 *
 * <p><b>Kernel.</b> Rows are taken in tiles of four so that each Hessian entry is loaded and
 * stored once per four rows ({@code H[j][c] += a0 z0c + a1 z1c + a2 z2c + a3 z3c}, a loop the JIT
 * vectorises); only the upper triangle is accumulated and then mirrored. This hand-written loop was
 * 2-10x faster than EJML's {@code multInner}/{@code multTransA} on tall matrices in the
 * prototype.
 *
 * <p><b>Determinism.</b> Rows are split into the fixed blocks of {@link Workers}; each block sums
 * into its own partial matrix and the partials are added in block order, so the result does not
 * depend on the thread count.
 *
 * <p>Cost O(n d^2 / 2) per call; memory (blocks x (d+1)^2) doubles for the partials (at most
 * {@value #PARTIALS_BUDGET}), allocated on first use and reused. Reads the design and weights, never modifies them. Not thread-safe.
 */
final class HessianKernel {
  private final double[] z;
  private final int n;
  private final int d;
  private final int dim;
  private final int blocks;
  private double[] parts;

  /** Most doubles held in per-block partial Hessians (32 MB); fewer blocks are used for large d. */
  static final int PARTIALS_BUDGET = 4 << 20;

  HessianKernel(double[] z, int n, int d) {
    this.z = z;
    this.n = n;
    this.d = d;
    this.dim = d + 1;
    long sq = (long) dim * dim;
    this.blocks = (int) Math.max(1, Math.min(Workers.blockCount(n), PARTIALS_BUDGET / sq));
  }

  /**
   * Writes {@code scale * sum_i h_i [1 z_i][1 z_i]'} into {@code out} ({@code (d+1)^2}, row-major,
   * both triangles), overwriting it.
   */
  void accumulate(double[] h, Workers workers, double scale, double[] out) {
    int sq = dim * dim;
    if (parts == null) {
      parts = new double[blocks * sq];
    }
    workers.forEach(blocks, b -> block(b, h));
    Arrays.fill(out, 0, sq, 0.0);
    for (int b = 0; b < blocks; b++) {
      int off = b * sq;
      for (int r = 0; r < dim; r++) {
        int row = r * dim;
        for (int c = r; c < dim; c++) {
          out[row + c] += parts[off + row + c];
        }
      }
    }
    for (int r = 0; r < dim; r++) {
      for (int c = r; c < dim; c++) {
        double v = out[r * dim + c] * scale;
        out[r * dim + c] = v;
        out[c * dim + r] = v;
      }
    }
  }

  private void block(int block, double[] h) {
    int r0 = Workers.blockStart(n, blocks, block);
    int r1 = Workers.blockStart(n, blocks, block + 1);
    double[] hp = parts;
    int sq = dim * dim;
    int ho = block * sq;
    Arrays.fill(hp, ho, ho + sq, 0.0);
    int i = r0;
    for (; i + 3 < r1; i += 4) {
      int o0 = i * d;
      int o1 = o0 + d;
      int o2 = o1 + d;
      int o3 = o2 + d;
      double h0 = h[i];
      double h1 = h[i + 1];
      double h2 = h[i + 2];
      double h3 = h[i + 3];
      hp[ho] += (h0 + h1) + (h2 + h3);
      for (int j = 0; j < d; j++) {
        double a0 = h0 * z[o0 + j];
        double a1 = h1 * z[o1 + j];
        double a2 = h2 * z[o2 + j];
        double a3 = h3 * z[o3 + j];
        hp[ho + 1 + j] += (a0 + a1) + (a2 + a3);
        int base = ho + (j + 1) * dim + 1;
        for (int c = j; c < d; c++) {
          hp[base + c] += a0 * z[o0 + c] + a1 * z[o1 + c] + a2 * z[o2 + c] + a3 * z[o3 + c];
        }
      }
    }
    for (; i < r1; i++) {
      int o0 = i * d;
      double h0 = h[i];
      hp[ho] += h0;
      for (int j = 0; j < d; j++) {
        double a0 = h0 * z[o0 + j];
        hp[ho + 1 + j] += a0;
        int base = ho + (j + 1) * dim + 1;
        for (int c = j; c < d; c++) {
          hp[base + c] += a0 * z[o0 + c];
        }
      }
    }
  }
}
