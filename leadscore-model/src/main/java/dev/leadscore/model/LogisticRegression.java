package dev.leadscore.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * L2-regularised logistic regression on a plain row-major matrix, for one penalty: the solver
 * {@link ModelTrainer} runs for each lambda, without leads, schema, folds or calibration.
 *
 * <p><b>Objective.</b> With {@code standardise} on (the default), each column is standardised as
 * {@code z = (x - mean) / scale} with the population standard deviation (ddof = 0, as
 * scikit-learn's {@code StandardScaler} and exactly as {@link ModelTrainer} does), and the fit
 * minimises over the intercept {@code b} and weights {@code w}
 *
 * <pre>
 *   f(b, w) = sum_i s_i * [ log(1 + exp(t_i)) - y_i * t_i ] + (lambda / 2) * ||w||^2,   t_i = b + w.z_i
 * </pre>
 *
 * with sample weights {@code s_i} (1 when absent) and the intercept not penalised; with unit
 * weights this is scikit-learn's {@code LogisticRegression(C = 1 / lambda)} on the standardised
 * matrix. The penalty therefore applies to the <em>standardised</em> weights. A column whose
 * values are all equal has weight exactly 0. The result is given both in standardised
 * coordinates ({@link Fit#standardisedIntercept()}, {@link Fit#standardisedWeights()}) and in the
 * caller's raw units ({@link Fit#intercept()}, {@link Fit#weights()}): {@code w_raw_j = w_j /
 * scale_j}, {@code b_raw = b - sum_j w_raw_j * mean_j}, so {@code b_raw + w_raw.x} is the same
 * logit for a raw row {@code x}. With {@code standardise} off, {@code z = x} (no column is
 * dropped, and a constant column then acts as a second intercept that only the penalty
 * identifies), and both coordinate systems coincide.
 *
 * <p><b>Algorithm.</b> Newton's method (IRLS) with a step-halving Armijo line search; the Newton
 * step is solved either with the explicit Hessian and EJML's Cholesky, or, on large data, by
 * conjugate gradients preconditioned with the Cholesky factor of a subsample Hessian. It stops when
 * {@code max |gradient| / sum(s) <= tolerance} (with unit weights, {@code sum(s) = n}). It is the
 * package's one solver ({@code LambdaPath} / {@code LogisticSolver}), not a copy.
 *
 * <p><b>Cost.</b> With {@code standardise} on, one O(n d) copy of {@code x} (the solver works on a
 * standardised copy) and one O(n d) standardisation pass; off, the solver reads {@code x} itself.
 * Then per Newton iteration O(n d^2 / 2) for the explicit Hessian or a few O(n d) passes on the
 * conjugate-gradient path, plus O(d^3) per Cholesky. Memory: the copy when standardising
 * ({@code 8 n d} bytes) plus O(n + d^2). Passes over rows run on {@code threads} threads with a
 * fixed row partition, so results are bit-identical for any thread count.
 *
 * <p><b>Arguments.</b> None is modified: {@code x}, {@code y} and the options' sample weights are
 * only read (the options hold their own copy of the weights). Stateless, so thread-safe; every
 * returned object is immutable.
 */
public final class LogisticRegression {
  /** Default stopping tolerance on {@code max |gradient| / sum(s)}. */
  public static final double DEFAULT_TOLERANCE = LogisticSolver.DEFAULT_TOLERANCE;
  /** Default limit on Newton iterations. */
  public static final int DEFAULT_MAX_ITERATIONS = TrainingOptions.DEFAULT_MAX_ITERATIONS;

  private LogisticRegression() {}

  /**
   * Fits the model for one {@code lambda}; see the class comment for the objective.
   *
   * @param xRowMajor raw row-major {@code n x d} matrix, {@code x[i * d + j]}; every value finite;
   *     not modified
   * @param n rows, at least 1
   * @param d columns, at least 1
   * @param y labels ({@code true} = positive), one per row; both classes must occur with positive
   *     weight; not modified
   * @param lambda the L2 penalty, finite and {@code >= 0} ({@code 0} may fail on separable or
   *     collinear data)
   * @param options tolerance, iteration limit, threads, sample weights and standardisation, or
   *     null for {@link Options#defaults()}
   * @return the fit, in raw and standardised coordinates
   * @throws IllegalArgumentException if an argument is invalid (the message names it and its value)
   * @throws TrainingException if the solver fails: no convergence within the iteration limit, a
   *     singular Hessian or separable classes with {@code lambda = 0}, a missing class, or a column
   *     too large to standardise
   */
  public static Fit fit(double[] xRowMajor, int n, int d, boolean[] y, double lambda, Options options) {
    Objects.requireNonNull(xRowMajor, "xRowMajor");
    Objects.requireNonNull(y, "y");
    Options o = options == null ? Options.defaults() : options;
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    if (d < 1) {
      throw new IllegalArgumentException("d must be >= 1, got " + d);
    }
    if ((long) n * d != xRowMajor.length) {
      throw new IllegalArgumentException("xRowMajor has length " + xRowMajor.length + " but n * d = " + n + " * " + d
          + " = " + ((long) n * d));
    }
    if (y.length != n) {
      throw new IllegalArgumentException("y has length " + y.length + " but n = " + n + " (one label per row)");
    }
    if (!(lambda >= 0 && Double.isFinite(lambda))) {
      throw new IllegalArgumentException("lambda must be finite and >= 0, got " + lambda);
    }
    double[] s = o.sampleWeights;
    if (s != null && s.length != n) {
      throw new IllegalArgumentException("sampleWeights has length " + s.length + " but n = " + n
          + " (one weight per row)");
    }
    for (int i = 0; i < n; i++) {
      int off = i * d;
      for (int j = 0; j < d; j++) {
        double v = xRowMajor[off + j];
        if (!Double.isFinite(v)) {
          throw new IllegalArgumentException("xRowMajor value at row " + i + ", column " + j + " (index " + (off + j)
              + ") is " + v + "; every value must be finite");
        }
      }
    }
    try (Workers workers = new Workers(o.threads)) {
      if (o.standardise) {
        double[] x = xRowMajor.clone(); // the design is standardised in place
        LambdaPath path = new LambdaPath(x, n, d, y, s, workers, null);
        LinearModel m = path.fit(lambda, null, o.maxIterations, o.tolerance, LogisticSolver.Listener.NONE, false);
        Standardisation std = path.standardisation();
        double b = m.intercept;
        double[] w = m.weights.clone();
        // Back to the caller's coordinates: w_j (x_j - m_j) / s_j.
        for (int j = 0; j < d; j++) {
          double scale = std.scaleAt(j);
          if (scale > 0) {
            w[j] = w[j] / scale;
            b -= w[j] * std.meanAt(j);
          } else {
            w[j] = 0;
          }
        }
        return new Fit(b, w, m.intercept, m.weights, m.iterations, m.maxGradient, m.objective);
      }
      // The solver only reads its design, so without standardisation the caller's matrix serves.
      LogisticSolver solver = new LogisticSolver(new Design(xRowMajor, n, d), y, s, workers, null);
      LogisticSolver.Fit f = solver.fit(lambda, null, o.maxIterations, o.tolerance, LogisticSolver.Listener.NONE,
          false);
      return new Fit(f.intercept, f.weights, f.intercept, f.weights, f.iterations, f.maxGradient, f.objective);
    }
  }

  /**
   * Options for {@link #fit}. Immutable and thread-safe; build with {@link #builder()} or take
   * {@link #defaults()}.
   */
  public static final class Options {
    private static final Options DEFAULTS = builder().build();

    private final double tolerance;
    private final int maxIterations;
    private final int threads;
    private final double[] sampleWeights;
    private final boolean standardise;

    private Options(Builder b) {
      this.tolerance = b.tolerance;
      this.maxIterations = b.maxIterations;
      this.threads = b.threads;
      this.sampleWeights = b.sampleWeights == null ? null : b.sampleWeights.clone();
      this.standardise = b.standardise;
    }

    /** Tolerance {@value LogisticRegression#DEFAULT_TOLERANCE}, 100 iterations, 1 thread, unit weights, standardised. */
    public static Options defaults() {
      return DEFAULTS;
    }

    /** {@return a builder starting from {@link #defaults()}} */
    public static Builder builder() {
      return new Builder();
    }

    /** Stopping tolerance on {@code max |gradient| / sum(s)}. */
    public double tolerance() {
      return tolerance;
    }

    /** Newton iterations allowed before the fit fails. */
    public int maxIterations() {
      return maxIterations;
    }

    /** Threads used, including the caller's. */
    public int threads() {
      return threads;
    }

    /** {@return a copy of the per-row sample weights, or null for unit weights} */
    public double[] sampleWeights() {
      return sampleWeights == null ? null : sampleWeights.clone();
    }

    /** {@return whether columns are standardised internally (the penalty then applies to standardised weights)} */
    public boolean standardise() {
      return standardise;
    }

    @Override
    public String toString() {
      return "Options[tolerance=" + tolerance + ", maxIterations=" + maxIterations + ", threads=" + threads
          + ", sampleWeights=" + (sampleWeights == null ? "none" : sampleWeights.length + " rows")
          + ", standardise=" + standardise + "]";
    }

    /** Builds {@link Options}; each setter validates its argument at once. Not thread-safe. */
    public static final class Builder {
      private double tolerance = DEFAULT_TOLERANCE;
      private int maxIterations = DEFAULT_MAX_ITERATIONS;
      private int threads = 1;
      private double[] sampleWeights;
      private boolean standardise = true;

      private Builder() {}

      /** @throws IllegalArgumentException unless finite and {@code > 0} */
      public Builder tolerance(double tolerance) {
        if (!(tolerance > 0 && Double.isFinite(tolerance))) {
          throw new IllegalArgumentException("tolerance must be finite and > 0, got " + tolerance);
        }
        this.tolerance = tolerance;
        return this;
      }

      /** @throws IllegalArgumentException if {@code < 1} */
      public Builder maxIterations(int maxIterations) {
        if (maxIterations < 1) {
          throw new IllegalArgumentException("maxIterations must be >= 1, got " + maxIterations);
        }
        this.maxIterations = maxIterations;
        return this;
      }

      /** @throws IllegalArgumentException if {@code < 1} */
      public Builder threads(int threads) {
        if (threads < 1) {
          throw new IllegalArgumentException("threads must be >= 1, got " + threads);
        }
        this.threads = threads;
        return this;
      }

      /**
       * Per-row weights {@code s_i} (copied), or null for unit weights. Their length is checked
       * against {@code n} by {@link LogisticRegression#fit}.
       *
       * @throws IllegalArgumentException if a weight is negative or not finite (naming its row)
       */
      public Builder sampleWeights(double[] sampleWeights) {
        if (sampleWeights != null) {
          for (int i = 0; i < sampleWeights.length; i++) {
            double v = sampleWeights[i];
            if (!(v >= 0 && Double.isFinite(v))) {
              throw new IllegalArgumentException("sampleWeights value at row " + i + " must be finite and >= 0, got " + v);
            }
          }
        }
        this.sampleWeights = sampleWeights == null ? null : sampleWeights.clone();
        return this;
      }

      /** Whether to standardise columns internally (default true). */
      public Builder standardise(boolean standardise) {
        this.standardise = standardise;
        return this;
      }

      /** {@return the options set so far} */
      public Options build() {
        return new Options(this);
      }
    }
  }

  /**
   * The result of {@link #fit}. Immutable: the weight arrays are copied in and every accessor
   * returns a fresh copy.
   *
   * @param intercept intercept in the caller's raw units
   * @param weights weights in the caller's raw units, one per column (0 for a constant column)
   * @param standardisedIntercept intercept on the standardised matrix (the solver's coordinates)
   * @param standardisedWeights weights on the standardised matrix (those the penalty applies to)
   * @param iterations Newton iterations taken
   * @param maxGradient final {@code max |gradient| / sum(s)}
   * @param objective final value of the objective {@code f(b, w)}
   */
  public record Fit(double intercept, double[] weights, double standardisedIntercept, double[] standardisedWeights,
      int iterations, double maxGradient, double objective) {
    /** Copies both weight arrays, so the fit cannot be changed through them. */
    public Fit {
      weights = weights.clone();
      standardisedWeights = standardisedWeights.clone();
    }

    /** {@return a copy of the raw-unit weights} */
    @Override
    public double[] weights() {
      return weights.clone();
    }

    /** {@return a copy of the standardised weights} */
    @Override
    public double[] standardisedWeights() {
      return standardisedWeights.clone();
    }

    /** The logit {@code intercept + weights . x[offset ..]} of one raw row. */
    public double logit(double[] x, int offset) {
      double t = intercept;
      for (int j = 0; j < weights.length; j++) {
        t += weights[j] * x[offset + j];
      }
      return t;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Fit f
          && Double.compare(intercept, f.intercept) == 0
          && Arrays.equals(weights, f.weights)
          && Double.compare(standardisedIntercept, f.standardisedIntercept) == 0
          && Arrays.equals(standardisedWeights, f.standardisedWeights)
          && iterations == f.iterations
          && Double.compare(maxGradient, f.maxGradient) == 0
          && Double.compare(objective, f.objective) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(intercept, Arrays.hashCode(weights), standardisedIntercept,
          Arrays.hashCode(standardisedWeights), iterations, maxGradient, objective);
    }

    @Override
    public String toString() {
      return "Fit[intercept=" + intercept + ", weights=" + Arrays.toString(weights) + ", standardisedIntercept="
          + standardisedIntercept + ", standardisedWeights=" + Arrays.toString(standardisedWeights) + ", iterations="
          + iterations + ", maxGradient=" + maxGradient + ", objective=" + objective + "]";
    }
  }
}
