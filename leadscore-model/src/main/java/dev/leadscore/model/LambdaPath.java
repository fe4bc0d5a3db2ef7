package dev.leadscore.model;

/**
 * Fits the logistic model on one training matrix for one or more lambdas: standardises the matrix
 * once (in place) and keeps one {@link LogisticSolver} whose buffers are reused for every lambda.
 * Fitting lambdas from the largest to the smallest, each warm-started from the previous solution,
 * is the cheap order.
 *
 * <p><b>Modifies its input:</b> the raw matrix passed to the constructor is overwritten by the
 * standardised design, so the caller must not use it afterwards. Not thread-safe.
 */
final class LambdaPath {
  private final Standardisation standardisation;
  private final LogisticSolver solver;
  private final Design design;

  /**
   * @param x raw row-major {@code n x d} training matrix; <b>overwritten</b>
   * @param n rows
   * @param d columns
   * @param y labels
   * @param sampleWeights per-row weights or null
   * @param workers threads
   * @param columnNames full-width column names for messages, or null
   * @throws TrainingException if a column's values are too large to standardise (naming it)
   */
  LambdaPath(double[] x, int n, int d, boolean[] y, double[] sampleWeights, Workers workers, String[] columnNames) {
    this(x, n, d, y, sampleWeights, workers, columnNames, null, null, LogisticSolver.StepMethod.AUTO);
  }

  /**
   * As above, with the indicator columns (kept on their 0/1 scale, see {@link Standardisation}),
   * or null when every column is numeric.
   */
  LambdaPath(double[] x, int n, int d, boolean[] y, double[] sampleWeights, Workers workers, String[] columnNames,
      boolean[] indicators) {
    this(x, n, d, y, sampleWeights, workers, columnNames, indicators, null, LogisticSolver.StepMethod.AUTO);
  }

  /**
   * As above, with the columns that share another column's scale (see {@link
   * Standardisation#fit(double[], int, int, String[], boolean[], int[])}), or null.
   */
  LambdaPath(double[] x, int n, int d, boolean[] y, double[] sampleWeights, Workers workers, String[] columnNames,
      boolean[] indicators, int[] scaleFrom) {
    this(x, n, d, y, sampleWeights, workers, columnNames, indicators, scaleFrom, LogisticSolver.StepMethod.AUTO);
  }

  /** As above, with the Newton step method forced (for tests and benchmarks). */
  LambdaPath(double[] x, int n, int d, boolean[] y, double[] sampleWeights, Workers workers, String[] columnNames,
      LogisticSolver.StepMethod method) {
    this(x, n, d, y, sampleWeights, workers, columnNames, null, null, method);
  }

  private LambdaPath(double[] x, int n, int d, boolean[] y, double[] sampleWeights, Workers workers,
      String[] columnNames, boolean[] indicators, int[] scaleFrom, LogisticSolver.StepMethod method) {
    this.standardisation = Standardisation.fit(x, n, d, columnNames, indicators, scaleFrom);
    String[] names = null;
    if (columnNames != null) {
      names = new String[standardisation.activeCount()];
      for (int k = 0; k < names.length; k++) {
        names[k] = columnNames[standardisation.active(k)];
      }
    }
    this.design = standardisation.standardiseInPlace(x, n);
    this.solver = new LogisticSolver(design, y, sampleWeights, workers, names, method);
  }

  /**
   * Centres the penalty of every later fit on a rule prior ({@link RulePrior}): the weights, in
   * this path's standardised coordinates, that best reproduce the prior's logit from these rows.
   *
   * @param points the prior's points of the training rows, in row order
   * @return the centre, full width (0 for constant columns), in standardised units
   */
  double[] centreOnPrior(double[] points, boolean[] y) {
    double[] compact = RulePrior.centre(design, points, y);
    solver.centre(compact);
    return standardisation.expand(compact);
  }

  Standardisation standardisation() {
    return standardisation;
  }

  /**
   * Fits one lambda.
   *
   * @param warm a previous fit on this same path to start from, or null
   * @param covariance whether to compute the inverse penalised Hessian at the optimum
   * @throws TrainingException if the solver fails
   */
  LinearModel fit(double lambda, LinearModel warm, int maxIterations, double tolerance,
      LogisticSolver.Listener listener, boolean covariance) {
    LogisticSolver.Fit fit = solver.fit(lambda, warm == null ? null : warm.compactStart, maxIterations, tolerance,
        listener, covariance);
    double[] weights = standardisation.expand(fit.weights);
    double[] cov = null;
    if (fit.covariance != null) {
      int d = standardisation.width();
      int full = d + 1;
      int a = standardisation.activeCount() + 1;
      cov = new double[full * full];
      for (int r = 0; r < a; r++) {
        int fr = r == 0 ? 0 : standardisation.active(r - 1) + 1;
        for (int c = 0; c < a; c++) {
          int fc = c == 0 ? 0 : standardisation.active(c - 1) + 1;
          cov[fr * full + fc] = fit.covariance[r * a + c];
        }
      }
    }
    return new LinearModel(standardisation, fit.intercept, weights, lambda, fit.iterations, fit.objective,
        fit.maxGradient, cov, fit.start());
  }
}
