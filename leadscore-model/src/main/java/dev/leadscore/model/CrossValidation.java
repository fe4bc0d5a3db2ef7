package dev.leadscore.model;

/**
 * Out-of-fold predictions for every lambda of a grid. For each fold: the fold's matrices are built
 * by the {@link FoldSource} (which fits the schema on the fold's training rows only), the
 * standardisation is fitted on the fold's training rows only, and the lambdas are fitted from the
 * largest to the smallest, each warm-started from the previous one; the held-out rows' logits are
 * stored at their positions in the full data set.
 *
 * <p>Cost: per fold one matrix build plus one solver path; memory O(lambdas x n) for the
 * predictions plus one fold's matrices at a time. Deterministic. Stateless.
 */
final class CrossValidation {
  private CrossValidation() {}

  /** Pooled out-of-fold logits per lambda, and Newton iterations summed over folds. */
  record Outcome(double[][] logits, int[] iterations) {}

  /**
   * @param lambdas the grid, ascending
   * @throws TrainingException naming the fold and lambda when a fit fails
   */
  static Outcome run(FoldSource source, double[] lambdas, ClassWeights classWeights, int maxIterations,
      double tolerance, Workers workers, TrainingProgress progress) {
    int n = source.rows();
    int folds = source.folds();
    double[][] oof = new double[lambdas.length][n];
    int[] iterations = new int[lambdas.length];
    LogisticSolver.Listener listener = progress::iteration;
    for (int k = 0; k < folds; k++) {
      FoldData fd = source.fold(k, workers);
      progress.foldStarted(k, folds, fd.trainRows(), fd.testRows());
      double[] s = Folds.sampleWeights(classWeights, fd.trainY());
      LambdaPath path;
      try {
        path = new LambdaPath(fd.trainX(), fd.trainRows(), fd.width(), fd.trainY(), s, workers, fd.columnNames(),
            fd.indicators(), fd.columns() == null ? null : Extraction.scaleFrom(fd.columns()));
      } catch (TrainingException e) {
        throw new TrainingException("cross-validation fold " + (k + 1) + " of " + folds + ": " + e.getMessage(), e);
      }
      if (fd.trainPrior() != null) {
        path.centreOnPrior(fd.trainPrior(), fd.trainY());
      }
      LinearModel previous = null;
      for (int li = lambdas.length - 1; li >= 0; li--) {
        double lambda = lambdas[li];
        progress.fitStarted(k, lambda);
        LinearModel m;
        try {
          m = path.fit(lambda, previous, maxIterations, tolerance, listener, false);
        } catch (TrainingException e) {
          throw new TrainingException("cross-validation fold " + (k + 1) + " of " + folds + ", lambda " + lambda
              + ": " + e.getMessage(), e);
        }
        iterations[li] += m.iterations;
        double[] row = oof[li];
        int d = fd.width();
        double[] testX = fd.testX();
        int[] index = fd.testIndex();
        for (int t = 0; t < fd.testRows(); t++) {
          row[index[t]] = m.logit(testX, t * d);
        }
        previous = m;
      }
      progress.foldFinished(k, folds);
    }
    return new Outcome(oof, iterations);
  }
}
