package dev.leadscore.bench.peers;

import dev.leadscore.model.LogisticRegression;

/**
 * leadscore's own L2 logistic regression on a plain numeric matrix, for the training benchmarks
 * and the coefficient comparison with the peers.
 *
 * <p>A thin adapter over leadscore-model's public {@link LogisticRegression#fit}, which runs exactly
 * the solver {@code ModelTrainer} runs for each lambda: Newton/IRLS with the hand-written Hessian
 * kernel and EJML's Cholesky (or preconditioned conjugate gradients on large data). With
 * {@code standardise} on it first copies and standardises the matrix (population standard
 * deviation), as {@code ModelTrainer} does with extracted features; off, it solves on the matrix
 * as given, as the peers and scikit-learn are timed on the same pre-standardised matrix.
 * Coefficients are returned in the coordinates of the matrix the caller passed.
 */
public final class OurSolver {
  /** leadscore-model's default tolerance on {@code max |gradient| / n}. */
  public static final double DEFAULT_TOLERANCE = LogisticRegression.DEFAULT_TOLERANCE;
  public static final int MAX_ITERATIONS = 100;

  private OurSolver() {}

  /** The result of one fit. */
  public record Fit(Coefficients coefficients, double maxGradient) {}

  /** {@link #fit(double[], int, int, boolean[], double, double, int, boolean)} with standardisation on. */
  public static Fit fit(double[] x, int n, int d, boolean[] y, double lambda, double tolerance, int threads) {
    return fit(x, n, d, y, lambda, tolerance, threads, true);
  }

  /**
   * Fits the shared objective with penalty {@code lambda}.
   *
   * @param x row-major {@code n x d} matrix; not modified
   * @param threads worker threads (the caller included), as {@code TrainingOptions.threads}
   * @param standardise whether the solver standardises a copy first ({@code ModelTrainer}'s path)
   */
  public static Fit fit(double[] x, int n, int d, boolean[] y, double lambda, double tolerance, int threads,
      boolean standardise) {
    LogisticRegression.Options options = LogisticRegression.Options.builder()
        .tolerance(tolerance)
        .maxIterations(MAX_ITERATIONS)
        .threads(threads)
        .standardise(standardise)
        .build();
    LogisticRegression.Fit fit = LogisticRegression.fit(x, n, d, y, lambda, options);
    return new Fit(new Coefficients("leadscore", fit.intercept(), fit.weights(), fit.iterations()), fit.maxGradient());
  }
}
