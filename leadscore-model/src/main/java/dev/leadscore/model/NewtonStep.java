package dev.leadscore.model;

import java.util.Arrays;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.decomposition.chol.CholeskyDecompositionInner_DDRM;
import org.ejml.dense.row.linsol.chol.LinearSolverChol_DDRM;

/**
 * The Newton step of {@link LogisticSolver}: solves {@code H x = -g} for the penalised Hessian at
 * the current point, either explicitly (the full Hessian by {@link HessianKernel}, then EJML's
 * Cholesky) or by conjugate gradients preconditioned with the Cholesky factor of a row
 * subsample's Hessian, and the inverse Hessian at the optimum. The choice between the two, the
 * reuse of the preconditioner and the singularity test are described on {@link LogisticSolver};
 * the constants live there.
 *
 * <p>Owns the (d+1)^2 Hessian, its factor and the CG work arrays, allocated once per solver and
 * reused across calls. Reads the design, never modifies it. Not thread-safe.
 */
final class NewtonStep {
  private final Design design;
  private final Workers workers;
  private final String[] names;
  private final int n;
  private final int d;
  private final int dim;
  private final int blocks;
  private final boolean iterative;
  private final int sampleSize;
  private final boolean reusable;

  private final HessianKernel full;
  private final DMatrixRMaj hessian;
  private final DMatrixRMaj rhs;
  private final DMatrixRMaj step;
  private final LinearSolverChol_DDRM chol;
  private final CholeskyDecompositionInner_DDRM decomposition;
  private final double[] diagonal;

  // conjugate-gradient path, allocated only when used
  private HessianKernel sample;
  private int[] sampleRows;
  private double[] sampleH;
  private double[] productPart;
  private double[] cgX;
  private double[] cgR;
  private double[] cgZ;
  private double[] cgP;
  private double[] cgAp;
  private int products;
  private boolean factorIsPreconditioner;
  private double factorLambda = Double.NaN;
  private int lastSolveProducts;

  /**
   * @param iterative whether to try preconditioned CG before the explicit step
   * @param sampleSize rows in the preconditioner's subsample
   * @param reusable whether the preconditioner may be kept for the next Newton step
   */
  NewtonStep(Design design, Workers workers, String[] names, boolean iterative, int sampleSize, boolean reusable) {
    this.design = design;
    this.workers = workers;
    this.names = names;
    this.n = design.n;
    this.d = design.d;
    this.dim = d + 1;
    this.blocks = Workers.blockCount(n);
    this.iterative = iterative;
    this.sampleSize = sampleSize;
    this.reusable = reusable;
    this.full = new HessianKernel(design.z, n, d);
    this.hessian = new DMatrixRMaj(dim, dim);
    this.rhs = new DMatrixRMaj(dim, 1);
    this.step = new DMatrixRMaj(dim, 1);
    this.decomposition = new CholeskyDecompositionInner_DDRM(true);
    this.chol = new LinearSolverChol_DDRM(decomposition);
    this.diagonal = new double[dim];
  }

  /** Forgets the preconditioner and the product count: each fit starts afresh. */
  void reset() {
    products = 0;
    factorIsPreconditioner = false;
  }

  /** Hessian-vector products since the last {@link #reset}. */
  int products() {
    return products;
  }

  /**
   * The inverse penalised Hessian at Hessian weights {@code h}, (d+1) x (d+1) row-major.
   *
   * @throws TrainingException if the Hessian is singular or its inverse not finite
   */
  double[] covariance(double[] h, double lambda, int k) {
    factorIsPreconditioner = false;
    explicitHessian(h, lambda);
    factorise(lambda, k);
    DMatrixRMaj inv = new DMatrixRMaj(dim, dim);
    chol.invert(inv);
    double[] cov = inv.data.clone();
    for (double v : cov) {
      if (!Double.isFinite(v)) {
        throw new TrainingException("the inverse Hessian at the optimum is not finite (lambda = " + lambda + ")");
      }
    }
    return cov;
  }

  /**
   * The Newton direction at the current point, whose Hessian weights are {@code h} and gradient
   * {@code g}. The returned array is owned by this object and valid until its next call.
   */
  double[] direction(double[] h, double[] g, double lambda, int k, double gmax) {
    if (iterative) {
      boolean reuse = reusable && factorIsPreconditioner && factorLambda == lambda
          && lastSolveProducts <= LogisticSolver.REUSE_MAX_PRODUCTS;
      if (!reuse) {
        factorIsPreconditioner = preconditioner(h, lambda);
        factorLambda = lambda;
      }
      if (factorIsPreconditioner) {
        int before = products;
        double[] x = conjugateGradient(h, g, lambda, Math.min(LogisticSolver.MAX_FORCING, Math.sqrt(gmax)));
        lastSolveProducts = products - before;
        return x;
      }
    }
    factorIsPreconditioner = false;
    explicitHessian(h, lambda);
    factorise(lambda, k);
    for (int j = 0; j < dim; j++) {
      rhs.data[j] = -g[j];
    }
    chol.solve(rhs, step);
    return step.data;
  }

  /** The full penalised Hessian into {@link #hessian}, and its diagonal. */
  private void explicitHessian(double[] h, double lambda) {
    full.accumulate(h, workers, 1.0, hessian.data);
    penalise(lambda);
  }

  private void penalise(double lambda) {
    double[] a = hessian.data;
    for (int j = 1; j < dim; j++) {
      a[j * dim + j] += lambda;
    }
    for (int j = 0; j < dim; j++) {
      diagonal[j] = a[j * dim + j];
    }
  }

  private void factorise(double lambda, int k) {
    if (!chol.setA(hessian)) {
      throw singular(lambda, k, -1, Double.NaN);
    }
    int bad = weakPivot();
    if (bad >= 0) {
      double pivot = decomposition.getT().data[bad * dim + bad];
      throw singular(lambda, k, bad, pivot * pivot / diagonal[bad]);
    }
  }

  /** The first pivot of the current factor below the relative floor, or -1. */
  private int weakPivot() {
    double[] t = decomposition.getT().data;
    for (int j = 0; j < dim; j++) {
      double pivot = t[j * dim + j];
      if (!(pivot * pivot / diagonal[j] >= LogisticSolver.RELATIVE_PIVOT_FLOOR)) {
        return j;
      }
    }
    return -1;
  }

  private TrainingException singular(double lambda, int k, int j, double rel) {
    String where = j < 0 ? "" : " (relative pivot " + rel + " < " + LogisticSolver.RELATIVE_PIVOT_FLOOR + " at "
        + (j == 0 ? "the intercept" : "column " + LogisticSolver.columnName(names, j - 1)) + ")";
    return new TrainingException("the Hessian is singular at iteration " + k + " with lambda = " + lambda + where
        + ": columns are perfectly collinear, or the classes are (quasi-)separable so the weights diverge;"
        + " use lambda > 0");
  }

  /**
   * Factorises the subsample Hessian, rescaled to the full weight, as the CG preconditioner.
   * Returns false when it is singular, so that the caller takes the explicit step instead.
   */
  private boolean preconditioner(double[] h, double lambda) {
    if (sample == null) {
      int m = sampleSize;
      sampleRows = new int[m];
      double[] z = new double[m * d];
      for (int r = 0; r < m; r++) {
        int i = (int) ((long) r * n / m);
        sampleRows[r] = i;
        System.arraycopy(design.z, i * d, z, r * d, d);
      }
      sample = new HessianKernel(z, m, d);
      sampleH = new double[m];
      productPart = new double[blocks * dim];
      cgX = new double[dim];
      cgR = new double[dim];
      cgZ = new double[dim];
      cgP = new double[dim];
      cgAp = new double[dim];
    }
    double all = 0;
    for (int i = 0; i < n; i++) {
      all += h[i];
    }
    double part = 0;
    for (int r = 0; r < sampleRows.length; r++) {
      sampleH[r] = h[sampleRows[r]];
      part += sampleH[r];
    }
    if (!(part > 0)) {
      return false;
    }
    sample.accumulate(sampleH, workers, all / part, hessian.data);
    penalise(lambda);
    return chol.setA(hessian) && weakPivot() < 0;
  }

  /** Solves {@code H x = -g} approximately by CG preconditioned with the current factor. */
  private double[] conjugateGradient(double[] h, double[] g, double lambda, double forcing) {
    double[] x = cgX;
    double[] r = cgR;
    double[] z = cgZ;
    double[] p = cgP;
    double[] ap = cgAp;
    Arrays.fill(x, 0.0);
    double bnorm = 0;
    for (int j = 0; j < dim; j++) {
      r[j] = -g[j];
      bnorm += g[j] * g[j];
    }
    bnorm = Math.sqrt(bnorm);
    precondition(r, z);
    System.arraycopy(z, 0, p, 0, dim);
    double rz = dot(r, z);
    for (int it = 0; it < LogisticSolver.MAX_CG_ITERATIONS; it++) {
      hessianTimes(h, p, ap, lambda);
      double pap = dot(p, ap);
      if (!(pap > 0)) {
        break; // no curvature left along p: rounding has taken over
      }
      double alpha = rz / pap;
      double rr = 0;
      for (int j = 0; j < dim; j++) {
        x[j] += alpha * p[j];
        r[j] -= alpha * ap[j];
        rr += r[j] * r[j];
      }
      if (Math.sqrt(rr) <= forcing * bnorm) {
        break;
      }
      precondition(r, z);
      double rzNew = dot(r, z);
      double beta = rzNew / rz;
      rz = rzNew;
      for (int j = 0; j < dim; j++) {
        p[j] = z[j] + beta * p[j];
      }
    }
    if (!(dot(x, g) < 0)) {
      // not a descent direction (impossible in exact arithmetic): preconditioned steepest descent
      precondition(negate(g, r), x);
    }
    return x;
  }

  private static double[] negate(double[] g, double[] out) {
    for (int j = 0; j < g.length; j++) {
      out[j] = -g[j];
    }
    return out;
  }

  private void precondition(double[] r, double[] out) {
    System.arraycopy(r, 0, rhs.data, 0, dim);
    chol.solve(rhs, step);
    System.arraycopy(step.data, 0, out, 0, dim);
  }

  /** {@code out = H v}: one fused pass over the rows, plus the penalty. */
  private void hessianTimes(double[] h, double[] v, double[] out, double lambda) {
    products++;
    workers.forEach(blocks, b -> productBlock(b, h, v));
    Arrays.fill(out, 0.0);
    for (int b = 0; b < blocks; b++) {
      int off = b * dim;
      for (int j = 0; j < dim; j++) {
        out[j] += productPart[off + j];
      }
    }
    for (int j = 1; j < dim; j++) {
      out[j] += lambda * v[j];
    }
  }

  private void productBlock(int block, double[] h, double[] v) {
    int r0 = Workers.blockStart(n, blocks, block);
    int r1 = Workers.blockStart(n, blocks, block + 1);
    double[] z = design.z;
    double[] out = productPart;
    int go = block * dim + 1;
    Arrays.fill(out, go - 1, go + d, 0.0);
    double v0 = v[0];
    double u0 = 0;
    for (int i = r0; i < r1; i++) {
      int off = i * d;
      double t = LogisticSolver.linear(v0, v, z, off, d);
      double u = h[i] * t;
      u0 += u;
      for (int j = 0; j < d; j++) {
        out[go + j] += u * z[off + j];
      }
    }
    out[go - 1] = u0;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int j = 0; j < a.length; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
