package dev.leadscore.model;

import dev.leadscore.model.eval.TierTable;
import java.util.List;

/**
 * The outcome of a {@link BackTest}: the model trained on the earlier leads and its predictions
 * for the later ones, with their metrics. Metrics that are undefined on the held-out leads (ROC AUC
 * and average precision when they hold one class only) are NaN.
 *
 * <p>Immutable; array accessors return copies. Safe to share between threads.
 */
public final class BackTestResult {
  private final TrainedModel model;
  private final String split;
  private final int trainRows;
  private final List<String> leadIds;
  private final HeldOut heldOut;
  private final double auc;
  private final double averagePrecision;
  private final double logLoss;
  private final double brier;

  BackTestResult(TrainedModel model, String split, int trainRows, List<String> leadIds, double[] logits,
      boolean[] labels) {
    this.model = model;
    this.split = split;
    this.trainRows = trainRows;
    this.leadIds = List.copyOf(leadIds);
    this.heldOut = new HeldOut(logits, model.calibrator().probabilities(logits), labels);
    this.auc = heldOut.auc();
    this.averagePrecision = heldOut.averagePrecision();
    this.logLoss = heldOut.logLoss();
    this.brier = heldOut.brier();
  }

  /** {@return the model trained on the earlier leads} */
  public TrainedModel model() {
    return model;
  }

  /** {@return how the leads were split, in words (e.g. {@code "created before 2026-01-01T00:00:00Z"})} */
  public String split() {
    return split;
  }

  /** Leads trained on. */
  public int trainRows() {
    return trainRows;
  }

  /** Leads scored. */
  public int testRows() {
    return heldOut.size();
  }

  /** {@return the scored leads' ids, in the order of the arrays (unmodifiable)} */
  public List<String> leadIds() {
    return leadIds;
  }

  /** {@return the scored leads' logits} */
  public double[] logits() {
    return heldOut.logits();
  }

  /** {@return the scored leads' calibrated probabilities} */
  public double[] probabilities() {
    return heldOut.probabilities();
  }

  /** {@return the scored leads' scores 0–100} */
  public double[] scores() {
    return heldOut.scores();
  }

  /** {@return whether each scored lead converted} */
  public boolean[] labels() {
    return heldOut.labels();
  }

  /** Out-of-time ROC AUC of the calibrated probabilities (NaN with one class). */
  public double auc() {
    return auc;
  }

  /** Out-of-time average precision (NaN without conversions). */
  public double averagePrecision() {
    return averagePrecision;
  }

  /** Out-of-time log loss. */
  public double logLoss() {
    return logLoss;
  }

  /** Out-of-time Brier score. */
  public double brier() {
    return brier;
  }

  /** {@return the random-fold (cross-validated) AUC on the training part, to set beside {@link #auc()}} */
  public double crossValidatedAuc() {
    return model.summary().oofAuc();
  }

  /** {@return the tier table of the scored leads under the model's cut-offs} */
  public TierTable tierTable() {
    return heldOut.tierTable(model.cutoffs());
  }

  @Override
  public String toString() {
    return "BackTestResult[" + split + ": trained on " + trainRows + ", scored " + heldOut.size() + ", AUC " + auc
        + " (cross-validated " + crossValidatedAuc() + "), log loss " + logLoss + ", Brier " + brier + "]";
  }
}
