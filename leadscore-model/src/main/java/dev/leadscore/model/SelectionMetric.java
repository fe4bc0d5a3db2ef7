package dev.leadscore.model;

/** How cross-validation picks lambda from the grid. */
public enum SelectionMetric {
  /** The lowest pooled out-of-fold log loss of the uncalibrated probabilities (the default). */
  LOG_LOSS,
  /** The highest pooled out-of-fold ROC AUC. */
  AUC
}
