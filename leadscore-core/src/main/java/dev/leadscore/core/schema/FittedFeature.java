package dev.leadscore.core.schema;

import java.util.List;

/**
 * What fitting learned for one feature: the imputed value (in the feature's transformed units),
 * the kept category levels (normalised), and the knots of a numeric basis (transformed units,
 * strictly increasing). Features that learn nothing have none.
 */
record FittedFeature(String feature, double impute, List<String> levels, List<Double> knots) {
  FittedFeature {
    levels = levels == null ? null : List.copyOf(levels);
    knots = knots == null ? null : List.copyOf(knots);
  }

  FittedFeature(String feature, double impute, List<String> levels) {
    this(feature, impute, levels, null);
  }

  static FittedFeature impute(String feature, double value) {
    return new FittedFeature(feature, value, null, null);
  }

  static FittedFeature levels(String feature, List<String> levels) {
    return new FittedFeature(feature, Double.NaN, levels, null);
  }

  FittedFeature withKnots(List<Double> knots) {
    return new FittedFeature(feature, impute, levels, knots);
  }

  double[] knotArray() {
    double[] k = new double[knots == null ? 0 : knots.size()];
    for (int i = 0; i < k.length; i++) {
      k[i] = knots.get(i);
    }
    return k;
  }

  boolean hasImpute() {
    return !Double.isNaN(impute);
  }
}
