package dev.leadscore.model;

/** Which calibrator is fitted on the out-of-fold logits of the chosen lambda. */
public enum CalibrationMethod {
  /** Platt scaling: a logistic curve in the logit (the default; stable on small data). */
  PLATT,
  /** Isotonic regression (pool-adjacent-violators): flexible, needs more data. */
  ISOTONIC,
  /** No calibration: the model's own logistic probability. */
  NONE
}
