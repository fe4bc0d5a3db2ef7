package dev.leadscore.bench.cli;

import dev.leadscore.model.TrainingProgress;
import java.io.PrintWriter;
import java.util.Locale;

/**
 * Training progress as one line per cross-validation fold (with its elapsed time), one for the
 * chosen lambda and one for the final fit, for a terminal's standard error. Calls come from the training thread in order.
 */
final class StderrProgress implements TrainingProgress {
  private final PrintWriter err;
  private final long started = System.nanoTime();
  private long foldStarted;
  private int fits;
  private int iterations;

  StderrProgress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void foldStarted(int fold, int folds, int trainRows, int testRows) {
    foldStarted = System.nanoTime();
    fits = 0;
    iterations = 0;
    err.printf(Locale.ROOT, "  fold %d/%d: fitting on %d leads, predicting %d ...", fold + 1, folds, trainRows, testRows);
    err.flush();
  }

  @Override
  public void fitStarted(int fold, double lambda) {
    fits++;
    if (fold == FINAL_FIT) {
      err.printf(Locale.ROOT, "  final fit on all training leads with lambda %.3g%n", lambda);
      err.flush();
    }
  }

  @Override
  public void iteration(int iteration, double objective, double maxGradient) {
    iterations++;
  }

  @Override
  public void foldFinished(int fold, int folds) {
    err.printf(Locale.ROOT, " %d lambdas, %d Newton iterations, %.1f s%n", fits, iterations, seconds(foldStarted));
    err.flush();
  }

  @Override
  public void lambdaChosen(double lambda, double cvLogLoss, double cvAuc) {
    err.printf(Locale.ROOT, "  lambda %.3g chosen: out-of-fold log loss %.4f, AUC %.3f (%.1f s so far)%n", lambda,
        cvLogLoss, cvAuc, seconds(started));
    err.flush();
  }

  private static double seconds(long since) {
    return (System.nanoTime() - since) / 1e9;
  }
}
