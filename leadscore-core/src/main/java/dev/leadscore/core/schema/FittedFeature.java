package dev.leadscore.core.schema;

import java.util.List;

/**
 * What fitting learned for one feature: the imputed value (in the feature's transformed units)
 * and/or the kept category levels (normalised, sorted). Features that learn nothing have none.
 */
record FittedFeature(String feature, double impute, List<String> levels) {
  FittedFeature {
    levels = levels == null ? null : List.copyOf(levels);
  }

  static FittedFeature impute(String feature, double value) {
    return new FittedFeature(feature, value, null);
  }

  static FittedFeature levels(String feature, List<String> levels) {
    return new FittedFeature(feature, Double.NaN, levels);
  }

  boolean hasImpute() {
    return !Double.isNaN(impute);
  }
}
