package dev.leadscore.model;

/**
 * Receives progress while a model trains, so a host or a command line can show it. Every method
 * has an empty default; implement the ones you need. Calls come from the training thread, in
 * order, never concurrently. A listener that throws aborts the training with that exception,
 * which is one way to cancel it.
 *
 * <p>The order of calls for K folds and a grid of lambdas: for each fold {@code foldStarted}, then
 * for each lambda (largest first) {@code fitStarted} followed by its {@code iteration}s, then
 * {@code foldFinished}; then {@code lambdaChosen}; then {@code fitStarted} with fold {@link
 * #FINAL_FIT} and the final fit's {@code iteration}s.
 */
public interface TrainingProgress {
  /** The fold number passed to {@link #fitStarted} for the final fit on all rows. */
  int FINAL_FIT = -1;

  /** A listener that ignores everything. */
  TrainingProgress NONE = new TrainingProgress() { };

  /**
   * A cross-validation fold begins.
   *
   * @param fold 0-based fold index
   * @param folds number of folds
   * @param trainRows rows the fold's model is fitted on
   * @param testRows rows it predicts
   */
  default void foldStarted(int fold, int folds, int trainRows, int testRows) {}

  /** A fold's fits are done. */
  default void foldFinished(int fold, int folds) {}

  /**
   * A solver run begins.
   *
   * @param fold the fold, or {@link #FINAL_FIT}
   * @param lambda the penalty being fitted
   */
  default void fitStarted(int fold, double lambda) {}

  /**
   * One Newton iteration of the current solver run (iteration 0 is the starting point).
   *
   * @param iteration the iteration number
   * @param objective the penalised objective (summed, not averaged, log loss)
   * @param maxGradient {@code max |gradient| / sum of weights}, which the solver drives below the
   *     tolerance
   */
  default void iteration(int iteration, double objective, double maxGradient) {}

  /**
   * Cross-validation has chosen the penalty.
   *
   * @param lambda the chosen lambda
   * @param cvLogLoss its pooled out-of-fold log loss (uncalibrated)
   * @param cvAuc its pooled out-of-fold ROC AUC
   */
  default void lambdaChosen(double lambda, double cvLogLoss, double cvAuc) {}
}
