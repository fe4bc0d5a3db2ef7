package dev.leadscore.model;

/**
 * A fitted linear logit on raw feature vectors (extraction units): the standardisation, the
 * intercept and full-width standardised weights (exactly 0 for constant columns), plus the
 * solver's statistics and, when asked for, the inverse penalised Hessian.
 *
 * <p>Package-private machinery shared by cross-validation folds, the final fit and the artifact
 * reader. Immutable by convention: nothing mutates the arrays after construction and callers
 * outside this package only see copies. Safe to share between threads.
 */
final class LinearModel {
  final Standardisation standardisation;
  final double intercept;
  final double[] weights;
  final double lambda;
  final int iterations;
  final double objective;
  final double maxGradient;
  /** (width+1)^2 row-major, intercept first, zero rows/columns for constant columns; or null. */
  final double[] covariance;
  /** The solver's compact solution {@code (b, w_active)}, for warm starts. */
  final double[] compactStart;

  LinearModel(Standardisation standardisation, double intercept, double[] weights, double lambda, int iterations,
      double objective, double maxGradient, double[] covariance, double[] compactStart) {
    this.standardisation = standardisation;
    this.intercept = intercept;
    this.weights = weights;
    this.lambda = lambda;
    this.iterations = iterations;
    this.objective = objective;
    this.maxGradient = maxGradient;
    this.covariance = covariance;
    this.compactStart = compactStart;
  }

  /**
   * The logit of the raw row at {@code x[offset ..]} in the standardised form, bit-identical to the
   * solver's (so out-of-fold logits are what the fit saw); {@link TrainedModel#logit} is the faster
   * scoring form, equal to rounding. Allocation-free.
   */
  double logit(double[] x, int offset) {
    return standardisation.logit(intercept, weights, x, offset);
  }
}
