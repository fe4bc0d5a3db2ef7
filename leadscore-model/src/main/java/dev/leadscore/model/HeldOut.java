package dev.leadscore.model;

import dev.leadscore.core.TierCutoffs;
import dev.leadscore.model.eval.Metrics;
import dev.leadscore.model.eval.TierTable;
import dev.leadscore.model.internal.Scores;

/**
 * A model's predictions for leads it was not trained on, with their outcomes: the logits, the
 * calibrated probabilities, the 0–100 scores derived from them and the labels, and the point
 * metrics over them. The shared core of {@link BackTestResult} (out-of-time) and {@link
 * TrainingSummary.OutOfFold} (out-of-fold, whose metrics {@link ModelTrainer} records in the
 * summary), which hold one each and hand out copies.
 *
 * <p>Package-private: hosts see these predictions only through those two public types, so the
 * core adds nothing to the API.
 *
 * <p>Immutable (arrays are copied in and out) and safe to share between threads.
 */
final class HeldOut {
  private final double[] logits;
  private final double[] probabilities;
  private final boolean[] labels;

  HeldOut(double[] logits, double[] probabilities, boolean[] labels) {
    this.logits = logits.clone();
    this.probabilities = probabilities.clone();
    this.labels = labels.clone();
  }

  double[] logits() {
    return logits.clone();
  }

  double[] probabilities() {
    return probabilities.clone();
  }

  /** {@code 100 * probability}, clamped to [0, 100], as scoring computes it. */
  double[] scores() {
    return Scores.of(probabilities);
  }

  boolean[] labels() {
    return labels.clone();
  }

  int size() {
    return labels.length;
  }

  /** ROC AUC of the probabilities; NaN unless both outcomes occur. */
  double auc() {
    return hasPositive() && hasNegative() ? Metrics.rocAuc(probabilities, labels) : Double.NaN;
  }

  /** Average precision of the probabilities; NaN without conversions. */
  double averagePrecision() {
    return hasPositive() ? Metrics.averagePrecision(probabilities, labels) : Double.NaN;
  }

  double logLoss() {
    return Metrics.logLoss(probabilities, labels);
  }

  double brier() {
    return Metrics.brierScore(probabilities, labels);
  }

  /** The tier table of the scores under {@code cutoffs}. */
  TierTable tierTable(TierCutoffs cutoffs) {
    return Metrics.tierTable(scores(), labels, cutoffs);
  }

  private boolean hasPositive() {
    for (boolean b : labels) {
      if (b) {
        return true;
      }
    }
    return false;
  }

  private boolean hasNegative() {
    for (boolean b : labels) {
      if (!b) {
        return true;
      }
    }
    return false;
  }
}
