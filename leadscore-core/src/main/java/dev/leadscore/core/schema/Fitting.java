package dev.leadscore.core.schema;

import dev.leadscore.core.Lead;
import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;

/**
 * Imputation fitting, shared by the kinds that impute (numeric, boolean, ordinal); each kind's
 * {@link FeatureKind#fit} says what else it learns.
 */
final class Fitting {
  private Fitting() {}

  /**
   * What a feature imputed by {@code imputation} learns: a declared constant passed through
   * {@code transform} (the rows are not read), or the mean or median of the rows' values.
   *
   * @param value a lead's value in transformed units, NaN when missing
   */
  static FittedFeature imputing(String feature, Imputation imputation, DoubleUnaryOperator transform, List<Lead> leads,
      ToDoubleFunction<Lead> value) {
    if (imputation.strategy() == Imputation.Strategy.CONSTANT) {
      return FittedFeature.impute(feature, transform.applyAsDouble(imputation.value()));
    }
    return FittedFeature.impute(feature, central(feature, imputation, present(leads, value)));
  }

  /** The values of the leads that have one ({@code value} NaN meaning missing), in lead order. */
  static double[] present(List<Lead> leads, ToDoubleFunction<Lead> value) {
    double[] values = new double[leads.size()];
    int n = 0;
    for (Lead lead : leads) {
      double v = value.applyAsDouble(lead);
      if (!Double.isNaN(v)) {
        values[n++] = v;
      }
    }
    return Arrays.copyOf(values, n);
  }

  /**
   * Mean or median of {@code values}. The values are sorted first and the mean is summed in
   * that order, so the result depends only on the multiset of training values, not on the order of
   * the rows: the same training leads in another order give a bit-identical fit and fingerprint.
   * Values near {@code ±Double.MAX_VALUE} whose sum overflows are averaged term by term instead.
   */
  static double central(String feature, Imputation imputation, double[] values) {
    int n = values.length;
    if (n == 0) {
      throw SchemaException.of(feature, "no training row has a value, so its " + imputation.strategy()
          + " imputation cannot be learned; declare a CONSTANT imputation");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    if (imputation.strategy() == Imputation.Strategy.MEDIAN) {
      if (n % 2 == 1) {
        return sorted[n / 2];
      }
      double mid = (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
      return Double.isFinite(mid) ? mid : sorted[n / 2 - 1] / 2 + sorted[n / 2] / 2;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += sorted[i];
    }
    if (Double.isFinite(sum)) {
      return sum / n;
    }
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += sorted[i] / n;
    }
    return mean;
  }
}
