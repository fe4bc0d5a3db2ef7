package dev.leadscore.model.calibration;

/** Overflow-free logistic helpers. Stateless. */
final class Logistic {
  private Logistic() {}

  /** {@code 1 / (1 + e^-z)}, never NaN for non-NaN z; 0 and 1 for |z| beyond about 745 and 37. */
  static double sigmoid(double z) {
    if (z >= 0) {
      return 1.0 / (1.0 + Math.exp(-z));
    }
    double e = Math.exp(z);
    return e / (1.0 + e);
  }

  /** {@code ln(1 + e^z)} without overflow. */
  static double softplus(double z) {
    return Math.max(z, 0.0) + Math.log1p(Math.exp(-Math.abs(z)));
  }

  /** {@code sigmoid(z)·(1 − sigmoid(z))} without cancellation. */
  static double sigmoidDerivative(double z) {
    double e = Math.exp(-Math.abs(z));
    double d = 1.0 + e;
    return e / (d * d);
  }
}
