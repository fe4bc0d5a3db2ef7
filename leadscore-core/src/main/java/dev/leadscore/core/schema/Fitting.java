package dev.leadscore.core.schema;

import dev.leadscore.core.Lead;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Learns one feature's fitted parameters from training leads. */
final class Fitting {
  private Fitting() {}

  static FittedFeature fit(FeatureSpec spec, List<Lead> leads) {
    if (spec instanceof NumericFeature f) {
      boolean constant = f.imputation().strategy() == Imputation.Strategy.CONSTANT;
      boolean basis = f.basis().kind() != Basis.Kind.NONE;
      if (constant && !basis) {
        return FittedFeature.impute(f.name(), CompiledFeature.Numeric.transform(f, f.imputation().value()));
      }
      CompiledFeature.Numeric c = new CompiledFeature.Numeric(f, 0, 0, new double[0]);
      double[] values = new double[leads.size()];
      int n = 0;
      for (Lead lead : leads) {
        double v = c.transformed(lead);
        if (!Double.isNaN(v)) {
          values[n++] = v;
        }
      }
      double impute = constant ? CompiledFeature.Numeric.transform(f, f.imputation().value())
          : central(f.name(), f.imputation(), values, n);
      FittedFeature fitted = FittedFeature.impute(f.name(), impute);
      return basis ? fitted.withKnots(knots(f, values, n)) : fitted;
    }
    if (spec instanceof BooleanFeature f) {
      if (f.imputation().strategy() == Imputation.Strategy.CONSTANT) {
        return FittedFeature.impute(f.name(), f.imputation().value());
      }
      CompiledFeature.Bool c = new CompiledFeature.Bool(f, 0, 0);
      double[] values = new double[leads.size()];
      int n = 0;
      for (Lead lead : leads) {
        double v = c.value(lead);
        if (!Double.isNaN(v)) {
          values[n++] = v;
        }
      }
      return FittedFeature.impute(f.name(), central(f.name(), f.imputation(), values, n));
    }
    if (spec instanceof OrdinalFeature f) {
      if (f.imputation().strategy() == Imputation.Strategy.CONSTANT) {
        return FittedFeature.impute(f.name(), f.imputation().value());
      }
      CompiledFeature.Ordinal c = new CompiledFeature.Ordinal(f, 0, 0);
      double[] values = new double[leads.size()];
      int n = 0;
      for (Lead lead : leads) {
        double v = c.value(lead);
        if (!Double.isNaN(v)) {
          values[n++] = v;
        }
      }
      return FittedFeature.impute(f.name(), central(f.name(), f.imputation(), values, n));
    }
    if (spec instanceof CategoricalFeature f) {
      if (!f.levels().isEmpty()) {
        return FittedFeature.levels(f.name(), Specs.normaliseAll(f.levels()));
      }
      Values.MissingTokens missing = new Values.MissingTokens(f.missingTokens());
      Map<String, Integer> counts = new HashMap<>();
      for (Lead lead : leads) {
        String t = Values.text(lead.id(), f.attribute(), lead.attribute(f.attribute()), missing, true);
        if (t != null) {
          counts.merge(t, 1, Integer::sum);
        }
      }
      List<String> kept = new ArrayList<>();
      counts.forEach((level, count) -> {
        if (count >= f.minCount() && !level.equals(CategoricalFeature.OTHER) && !level.equals(CategoricalFeature.MISSING)) {
          kept.add(level);
        }
      });
      kept.sort(null);
      return FittedFeature.levels(f.name(), kept);
    }
    return null;
  }

  /**
   * Knots at the quantile probabilities {@code i/(k+1)} of {@code values[0..n)}, linearly
   * interpolated between order statistics, repeats dropped. Order-independent, like the mean.
   */
  static List<Double> knots(NumericFeature f, double[] values, int n) {
    if (n == 0) {
      throw SchemaException.of(f.name(), "no training row has a value, so the knots of its " + f.basis().kind()
          + " basis cannot be learned");
    }
    double[] sorted = Arrays.copyOf(values, n);
    Arrays.sort(sorted);
    int k = f.basis().knots();
    List<Double> knots = new ArrayList<>(k);
    for (int i = 1; i <= k; i++) {
      double pos = (double) i / (k + 1) * (n - 1);
      int lo = (int) Math.floor(pos);
      int hi = Math.min(lo + 1, n - 1);
      double q = sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
      if (knots.isEmpty() || q > knots.get(knots.size() - 1)) {
        knots.add(q);
      }
    }
    return knots;
  }

  /**
   * Mean or median of {@code values[0..n)}. The values are sorted first and the mean is summed in
   * that order, so the result depends only on the multiset of training values, not on the order of
   * the rows: the same training leads in another order give a bit-identical fit and fingerprint.
   * Values near {@code ±Double.MAX_VALUE} whose sum overflows are averaged term by term instead.
   */
  private static double central(String feature, Imputation imputation, double[] values, int n) {
    if (n == 0) {
      throw SchemaException.of(feature, "no training row has a value, so its " + imputation.strategy()
          + " imputation cannot be learned; declare a CONSTANT imputation");
    }
    double[] sorted = Arrays.copyOf(values, n);
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
