package dev.leadscore.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * L2-regularised logistic regression on a standardised design, solved by Newton's method (IRLS).
 *
 * <p><b>Objective.</b> Minimises over the intercept {@code b} and weights {@code w}
 *
 * <pre>
 *   f(b, w) = sum_i s_i * [ log(1 + exp(t_i)) - y_i * t_i ] + (lambda / 2) * ||w||^2,   t_i = b + w.z_i
 * </pre>
 *
 * with sample weights {@code s_i} (1 when absent) and the intercept not penalised. With unit
 * weights this is scikit-learn's {@code LogisticRegression(C = 1 / lambda)} on the same design.
 *
 * <p><b>Newton step.</b> Two ways; {@link StepMethod#AUTO} picks by the number of rows:
 *
 * <ul>
 *   <li><em>Explicit</em>: the Hessian {@code [1 z]' diag(s p (1-p)) [1 z] + lambda I_w} is
 *       accumulated by {@link HessianKernel} and EJML's Cholesky
 *       solves for the step. O(n d^2 / 2) per iteration. Used when the data has at most twice as
 *       many rows as the preconditioner's subsample below (small data, where it costs no more).
 *   <li><em>Preconditioned conjugate gradients</em> (a Hessian-free inexact Newton method, used
 *       above that): the step solves the same system by CG with exact Hessian-vector products
 *       (one pass over the rows each, O(n d)), preconditioned by the Cholesky factor of the
 *       Hessian of a fixed, evenly spaced row subsample ({@value #PRECONDITIONER_ROWS_PER_COLUMN}
 *       rows per column, at least {@value #PRECONDITIONER_MIN_ROWS}) rescaled to the full weight.
 *       The subsample Hessian is so close to the full one that CG needs 1-4 products per Newton
 *       step, which makes this the faster path from about 10^4 rows on, at d = 33 as at d = 200.
 *       When rebuilding the factor is dear ({@code m d >= 4 n}) it is reused for the next Newton
 *       step while the last solve needed at most {@value #REUSE_MAX_PRODUCTS} products, and
 *       rebuilt otherwise or when lambda changes.
 *       CG stops at a relative residual of {@code min(}{@value #MAX_FORCING}{@code ,
 *       sqrt(max|g|/n))}, so convergence stays superlinear. If the preconditioner is singular the
 *       explicit step is used for that iteration.
 * </ul>
 *
 *
 * <p>Three classes: this one holds the Newton loop, its line search and stopping rules;
 * {@link NewtonStep} computes the step (explicit or by conjugate gradients); {@link LogisticPass}
 * is the fused pass over the rows.
 *
 * <p><b>Line search and stopping.</b> A step-halving line search accepts the first step that
 * satisfies Armijo's sufficient decrease ({@value #ARMIJO_FRACTION}) or, when the change in the
 * objective is within rounding noise ({@link #LOSS_NOISE_RELATIVE} of its size), that shrinks the
 * L1 norm of the gradient (the safeguard scikit-learn's Newton solver uses). Each trial point's
 * loss, gradient and Hessian weights come from one fused pass over the rows, so an accepted step
 * needs no second pass. The solver stops when {@code max |gradient| / sum(s) <= tolerance}, the
 * gradient of the mean objective.
 *
 * <p><b>Robustness.</b> The loss, probabilities and Hessian weights use forms that neither
 * overflow nor cancel ({@code p(1-p) = e / (1+e)^2} with {@code e = exp(-|t|)}). A Cholesky pivot
 * whose square is below {@value #RELATIVE_PIVOT_FLOOR} of its diagonal entry is a singular
 * Hessian (perfect collinearity or separation, possible only with {@code lambda = 0}) and fails
 * with a message naming the column; no jitter is added. With {@code lambda = 0}, perfectly
 * separated classes are detected after convergence and rejected, and a weight beyond {@value
 * #DIVERGENCE_LIMIT} is reported as divergence. The solver never returns NaN or infinite weights:
 * it throws a {@link TrainingException} instead.
 *
 * <p><b>Cost.</b> Per iteration: the explicit Hessian O(n d^2 / 2) or a few O(n d) CG products,
 * O(n d) per line-search trial, O(d^3) per Cholesky. Memory: two arrays of n doubles plus
 * per-block partial sums, allocated once per solver and reused across calls (a lambda path reuses
 * them).
 *
 * <p><b>Threads.</b> All passes run on the given {@link Workers} over a fixed row partition whose
 * partial sums are added in block order, so results are bit-identical for any thread count. A
 * solver instance is not thread-safe; it reads (never modifies) the design, labels and weights.
 */
final class LogisticSolver {
  /** Default stopping tolerance on {@code max |gradient| / sum(s)}. */
  static final double DEFAULT_TOLERANCE = 1e-10;
  /** Armijo sufficient-decrease fraction of the predicted decrease. */
  static final double ARMIJO_FRACTION = 1e-4;
  /** Step halvings tried before the line search gives up (the smallest step is 2^-30). */
  static final int MAX_STEP_HALVINGS = 30;
  /**
   * A change in the objective within this fraction of its magnitude is rounding noise (16
   * machine epsilons, as in scikit-learn's Newton solver).
   */
  static final double LOSS_NOISE_RELATIVE = 16 * Math.ulp(1.0);
  /**
   * If the line search can make no further progress at all, the fit is accepted as converged at
   * the rounding floor only when {@code max |gradient| / sum(s)} is at most this.
   */
  static final double ROUNDING_FLOOR_TOLERANCE = 1e-8;
  /** A Cholesky pivot squared below this fraction of its Hessian diagonal means singular. */
  static final double RELATIVE_PIVOT_FLOOR = 1e-13;
  /** With {@code lambda = 0}, a standardised weight beyond this means the fit diverges. */
  static final double DIVERGENCE_LIMIT = 1e4;
  /** Rows of the preconditioner's subsample per column. */
  static final int PRECONDITIONER_ROWS_PER_COLUMN = 40;
  /** Fewest rows in the preconditioner's subsample. */
  static final int PRECONDITIONER_MIN_ROWS = 4096;
  /** Largest relative CG residual accepted for a Newton step. */
  static final double MAX_FORCING = 0.1;
  /** CG iterations allowed per Newton step (the step so far is used when reached). */
  static final int MAX_CG_ITERATIONS = 250;
  /**
   * The preconditioner is kept for the next Newton step (same lambda) while a solve needs at most
   * this many Hessian-vector products; otherwise it is rebuilt from the current Hessian weights.
   */
  static final int REUSE_MAX_PRODUCTS = 4;
  /**
   * The preconditioner may be reused only when rebuilding it ({@code m d^2 / 2} for m subsample
   * rows) costs more than this many quarter-passes ({@code m d >= 4 n}); otherwise rebuilding is
   * cheaper than the extra CG products a stale factor needs.
   */
  static final long REUSE_COST_RATIO = 4;

  /** How the Newton step is computed. */
  enum StepMethod {
    /** Conjugate gradients when the preconditioner's subsample is at most half the rows. */
    AUTO,
    /** Always the explicit Hessian and Cholesky. */
    EXPLICIT,
    /** Always preconditioned conjugate gradients. */
    CONJUGATE_GRADIENT
  }

  /** Receives one call per iteration, including iteration 0 at the starting point. */
  @FunctionalInterface
  interface Listener {
    void iteration(int iteration, double objective, double maxGradient);

    Listener NONE = (k, f, g) -> { };
  }

  /** A converged fit, in the solver's (compact, standardised) coordinates. */
  static final class Fit {
    final double intercept;
    final double[] weights;
    final int iterations;
    final double objective;
    final double maxGradient;
    final boolean roundingFloor;
    final int hessianProducts;
    /** Inverse penalised Hessian at the optimum, (d+1) x (d+1) row-major, intercept first; or null. */
    final double[] covariance;

    Fit(double intercept, double[] weights, int iterations, double objective, double maxGradient,
        boolean roundingFloor, int hessianProducts, double[] covariance) {
      this.intercept = intercept;
      this.weights = weights;
      this.iterations = iterations;
      this.objective = objective;
      this.maxGradient = maxGradient;
      this.roundingFloor = roundingFloor;
      this.hessianProducts = hessianProducts;
      this.covariance = covariance;
    }

    /** The starting vector {@code (b, w)} for a warm start from this fit. */
    double[] start() {
      double[] s = new double[weights.length + 1];
      s[0] = intercept;
      System.arraycopy(weights, 0, s, 1, weights.length);
      return s;
    }
  }

  private final Design design;
  private final String[] names;
  private final int n;
  private final int d;
  private final int dim;
  private final double sumWeights;
  private final double positiveWeight;
  private final double negativeWeight;

  private double[] hCur;
  private double[] hNew;
  private final LogisticPass pass;
  private double[] centre;
  private final NewtonStep step;

  /**
   * @param design the standardised design; read, never modified
   * @param y labels, one per row; read, never modified
   * @param sampleWeights weights {@code s_i >= 0}, one per row, or null for unit weights; read
   * @param workers the threads to use
   * @param names the design's column names for error messages, or null
   * @throws IllegalArgumentException if lengths disagree or a weight is negative or not finite
   * @throws TrainingException if a class has no (weighted) rows
   */
  LogisticSolver(Design design, boolean[] y, double[] sampleWeights, Workers workers, String[] names) {
    this(design, y, sampleWeights, workers, names, StepMethod.AUTO);
  }

  LogisticSolver(Design design, boolean[] y, double[] sampleWeights, Workers workers, String[] names,
      StepMethod method) {
    this.design = design;
    this.n = design.n;
    this.d = design.d;
    this.dim = d + 1;
    if (y.length != n) {
      throw new IllegalArgumentException("labels: expected " + n + " (one per row), got " + y.length);
    }
    if (sampleWeights != null && sampleWeights.length != n) {
      throw new IllegalArgumentException("sample weights: expected " + n + " (one per row), got " + sampleWeights.length);
    }
    if (names != null && names.length != d) {
      throw new IllegalArgumentException("column names: expected " + d + ", got " + names.length);
    }
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < n; i++) {
      double si = 1.0;
      if (sampleWeights != null) {
        si = sampleWeights[i];
        if (!(si >= 0 && Double.isFinite(si))) {
          throw new IllegalArgumentException("sample weight of row " + i + " must be finite and >= 0, got " + si);
        }
      }
      if (y[i]) {
        pos += si;
      } else {
        neg += si;
      }
    }
    if (!(pos > 0) || !(neg > 0)) {
      throw new TrainingException("logistic regression needs both classes, but the " + n + " rows have no "
          + (pos > 0 ? "non-converted" : "converted") + " row with a positive weight");
    }
    this.names = names;
    this.sumWeights = pos + neg;
    this.positiveWeight = pos;
    this.negativeWeight = neg;
    int sampleSize = (int) Math.min(n, Math.max(PRECONDITIONER_MIN_ROWS, (long) PRECONDITIONER_ROWS_PER_COLUMN * d));
    boolean iterative = method == StepMethod.CONJUGATE_GRADIENT
        || (method == StepMethod.AUTO && 2L * sampleSize <= n);
    // rebuilding costs ~ m d^2 / 2 multiply-adds of cache-resident work, one more CG product a
    // memory-bound pass of ~ 2 n d: keep the factor only when rebuilding is the dearer
    boolean reusable = (long) sampleSize * d >= REUSE_COST_RATIO * n;
    this.hCur = new double[n];
    this.hNew = new double[n];
    this.pass = new LogisticPass(design, y, sampleWeights, workers);
    this.step = new NewtonStep(design, workers, names, iterative, sampleSize, reusable);
  }

  /** The sum of the sample weights, which the stopping rule divides the gradient by. */
  double sumWeights() {
    return sumWeights;
  }

  /**
   * Fits the model for one lambda.
   *
   * @param lambda the L2 penalty, finite and {@code >= 0}
   * @param start {@code (b, w)} to start from (length d+1; not modified), or null to start at
   *     {@code w = 0} with the intercept at the weighted log-odds
   * @param maxIterations Newton iterations allowed
   * @param tolerance stopping tolerance on {@code max |gradient| / sum(s)}
   * @param listener called once per iteration
   * @param covariance whether to also return the inverse penalised Hessian at the optimum
   * @throws TrainingException if it does not converge, the Hessian is singular, or the classes
   *     are separable with {@code lambda = 0}
   */
  /**
   * Centres the L2 penalty at {@code c} (compact weights, one per design column), so the objective
   * is {@code ... + (lambda / 2) ||w - c||²}; null restores the centre 0. A fit without a start then
   * starts from {@code c}.
   */
  void centre(double[] c) {
    if (c != null && c.length != dim - 1) {
      throw new IllegalArgumentException("centre: expected " + (dim - 1) + " weights, got " + c.length);
    }
    this.centre = c == null ? null : c.clone();
    pass.centre(this.centre);
  }

  Fit fit(double lambda, double[] start, int maxIterations, double tolerance, Listener listener, boolean covariance) {
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    double[] beta = new double[dim];
    if (start != null) {
      if (start.length != dim) {
        throw new IllegalArgumentException("start: expected " + dim + " values (intercept and weights), got " + start.length);
      }
      System.arraycopy(start, 0, beta, 0, dim);
    } else {
      beta[0] = Math.log(positiveWeight / negativeWeight);
      if (centre != null) {
        System.arraycopy(centre, 0, beta, 1, dim - 1);
      }
    }
    step.reset(); // each fit starts afresh, whatever this solver fitted before
    double[] trial = new double[dim];
    double[] gCur = new double[dim];
    double[] gNew = new double[dim];
    double f = pass.evaluate(beta, hCur, gCur, lambda);
    int wrongCur = pass.wrong();
    if (!Double.isFinite(f)) {
      throw new TrainingException("objective is " + f + " at the starting point (lambda = " + lambda + ")"
          + nonFiniteColumns());
    }
    boolean floor = false;
    int k = 0;
    while (true) {
      double gmax = maxAbs(gCur) / sumWeights;
      listener.iteration(k, f, gmax);
      if (gmax <= tolerance) {
        break;
      }
      if (k >= maxIterations) {
        throw new TrainingException("Newton solver did not converge in " + maxIterations + " iterations (lambda = "
            + lambda + "): max |gradient| / n = " + gmax + " > tolerance " + tolerance
            + "; raise maxIterations or lambda" + (lambda == 0 ? " (with lambda = 0 the classes may be separable)" : ""));
      }
      double[] dir = step.direction(hCur, gCur, lambda, k, gmax);
      double slope = 0;
      for (int j = 0; j < dim; j++) {
        if (!Double.isFinite(dir[j])) {
          throw new TrainingException("Newton step is not finite at iteration " + k + " (lambda = " + lambda
              + "): the Hessian is numerically singular; use a larger lambda");
        }
        slope += gCur[j] * dir[j];
      }
      double t = 1.0;
      boolean accepted = false;
      double l1Cur = -1;
      double fNew = Double.NaN;
      for (int h = 0; h <= MAX_STEP_HALVINGS; h++) {
        for (int j = 0; j < dim; j++) {
          trial[j] = beta[j] + t * dir[j];
        }
        fNew = pass.evaluate(trial, hNew, gNew, lambda);
        if (Double.isFinite(fNew)) {
          if (fNew <= f + ARMIJO_FRACTION * t * slope) {
            accepted = true;
            break;
          }
          if (Math.abs(fNew - f) <= LOSS_NOISE_RELATIVE * Math.abs(f)) {
            if (l1Cur < 0) {
              l1Cur = l1(gCur);
            }
            if (l1(gNew) < l1Cur) {
              accepted = true;
              break;
            }
          }
        }
        t *= 0.5;
      }
      if (!accepted) {
        if (gmax <= ROUNDING_FLOOR_TOLERANCE) {
          floor = true; // no representable progress left: the optimum to working precision
          break;
        }
        throw new TrainingException("line search failed at iteration " + k + " (lambda = " + lambda
            + ", max |gradient| / n = " + gmax + "): no step along the Newton direction decreases the objective"
            + (lambda == 0 ? "; with lambda = 0 the problem may be ill-posed, use lambda > 0" : ""));
      }
      double[] tmp = beta;
      beta = trial;
      trial = tmp;
      tmp = gCur;
      gCur = gNew;
      gNew = tmp;
      tmp = hCur;
      hCur = hNew;
      hNew = tmp;
      f = fNew;
      wrongCur = pass.wrong();
      k++;
      if (lambda == 0) {
        checkDivergence(beta, k);
      }
    }
    if (lambda == 0 && wrongCur == 0) {
      throw new TrainingException("the classes are perfectly separable (every training row is on the correct side"
          + " of the decision boundary), so with lambda = 0 the weights are infinite; use lambda > 0");
    }
    double[] cov = null;
    if (covariance) {
      cov = step.covariance(hCur, lambda, k);
    }
    double[] w = Arrays.copyOfRange(beta, 1, dim);
    return new Fit(beta[0], w, k, f, maxAbs(gCur) / sumWeights, floor, step.products(), cov);
  }

  private void checkDivergence(double[] beta, int k) {
    for (int j = 1; j < dim; j++) {
      if (Math.abs(beta[j]) > DIVERGENCE_LIMIT) {
        throw new TrainingException("weights diverge with lambda = 0 (|w| = " + Math.abs(beta[j]) + " for column "
            + columnName(j - 1) + " at iteration " + k + "): the classes are (quasi-)separable; use lambda > 0");
      }
    }
  }

  /**
   * For the message of a non-finite objective: the design columns holding a value that is not
   * finite (an overflow in standardisation), or the empty string. Only on the error path; O(n d).
   */
  private String nonFiniteColumns() {
    List<String> bad = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      for (int i = 0; i < n; i++) {
        if (!Double.isFinite(design.z[i * d + j])) {
          bad.add(columnName(j));
          break;
        }
      }
    }
    return bad.isEmpty() ? "" : "; the standardised values of column(s) " + String.join(", ", bad)
        + " are not finite (the raw values overflow): clip those features to a sensible range or log-transform them";
  }

  private String columnName(int j) {
    return columnName(names, j);
  }

  static String columnName(String[] names, int j) {
    return names == null ? "#" + j : "'" + names[j] + "'";
  }

  /**
   * {@code b + sum_k c[k + 1] * z[off + k]} over {@code k < d}, summed in four interleaved partial
   * sums ({@code k mod 4}) combined as {@code b + ((s0 + s1) + (s2 + s3))}: four independent
   * dependency chains instead of one, so the loop runs at the adder's throughput rather than its
   * latency. {@link Standardisation#logit} uses exactly this order, so cross-validation's
   * out-of-fold logits reproduce the solver's bit for bit; {@link TrainedModel#logit} uses a faster
   * dense form that agrees to rounding only.
   */
  static double linear(double b, double[] c, double[] z, int off, int d) {
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int k = 0;
    for (; k + 3 < d; k += 4) {
      s0 += c[k + 1] * z[off + k];
      s1 += c[k + 2] * z[off + k + 1];
      s2 += c[k + 3] * z[off + k + 2];
      s3 += c[k + 4] * z[off + k + 3];
    }
    for (; k < d; k++) {
      s0 += c[k + 1] * z[off + k];
    }
    return b + ((s0 + s1) + (s2 + s3));
  }

  private static double maxAbs(double[] v) {
    double m = 0;
    for (double x : v) {
      m = Math.max(m, Math.abs(x));
    }
    return m;
  }

  private static double l1(double[] v) {
    double m = 0;
    for (double x : v) {
      m += Math.abs(x);
    }
    return m;
  }
}
