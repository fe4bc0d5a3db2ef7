package dev.leadscore.model.calibration;

/** Argument checks shared by the fitters; messages name the argument, the index and the value. */
final class Inputs {
  private Inputs() {}

  /**
   * Checks logits, labels and optional weights for fitting.
   *
   * @return the total weight, positive
   */
  static double checkFitInput(double[] logits, boolean[] converted, double[] weights) {
    if (logits == null) {
      throw new NullPointerException("logits");
    }
    if (converted == null) {
      throw new NullPointerException("converted");
    }
    if (logits.length == 0) {
      throw new IllegalArgumentException("cannot fit a calibrator on empty input (0 logits)");
    }
    if (converted.length != logits.length) {
      throw new IllegalArgumentException("logits and converted must have the same length, got "
          + logits.length + " logits and " + converted.length + " labels");
    }
    if (weights != null && weights.length != logits.length) {
      throw new IllegalArgumentException("logits and weights must have the same length, got "
          + logits.length + " logits and " + weights.length + " weights");
    }
    double total = 0.0;
    for (int i = 0; i < logits.length; i++) {
      if (!Double.isFinite(logits[i])) {
        throw new IllegalArgumentException("logits[" + i + "] must be finite, got " + logits[i]);
      }
      if (weights != null) {
        double w = weights[i];
        if (!(w >= 0.0 && w < Double.POSITIVE_INFINITY)) {
          throw new IllegalArgumentException("weights[" + i + "] must be finite and >= 0, got " + w);
        }
        total += w;
      } else {
        total += 1.0;
      }
    }
    if (!(total > 0.0) || total == Double.POSITIVE_INFINITY) {
      throw new IllegalArgumentException("the total weight must be positive and finite, got " + total);
    }
    return total;
  }
}
