package dev.leadscore.model;

/**
 * The model's name for {@link dev.leadscore.core.internal.Normal#quantile}, kept only because
 * {@code TrainedModel} calls it unqualified and is being restructured on another branch; once
 * that lands, call the core class directly and delete this one. Stateless.
 */
final class Normal {
  private Normal() {}

  /**
   * The {@code p}-quantile of the standard normal distribution.
   *
   * @throws IllegalArgumentException unless {@code 0 < p < 1}
   */
  static double quantile(double p) {
    return dev.leadscore.core.internal.Normal.quantile(p);
  }
}
