package dev.leadscore.explain;

import dev.leadscore.core.schema.FittedSchema;
import java.util.Arrays;
import java.util.Objects;

/**
 * The linear function an explanation attributes: a fitted schema, an intercept and one weight per
 * column, so that {@code f(x) = b + Σ_j w_j·x_j} for the vector {@code x} the schema extracts, plus
 * the {@link Background} explanations are measured against. It is the explain module's own input
 * type: the model module builds it from a trained model's numbers, and a host test can write the
 * weights by hand. It does not score leads: scoring (calibration, 0–100 score, tier) is the model
 * module's {@code ModelScorer}, whose logit for a trained model is that model's own.
 *
 * <p><b>Units.</b> {@link #intercept()} and {@link #weights()} are in <em>extraction units</em>:
 * they multiply the raw columns {@link FittedSchema#extract} writes, not standardised ones. A model
 * trained on standardised columns {@code z_j = (x_j − μ_j)/σ_j} converts as
 * {@code w_j = w'_j/σ_j}, {@code b = b' − Σ_j w'_j·μ_j/σ_j} (a constant column, {@code σ_j = 0},
 * gets weight 0); {@link #fromStandardised} does that conversion.
 *
 * <p><b>Logit.</b> {@link #logit(double[])} is {@code b + Σ w_j x_j} summed in column order,
 * allocation-free, O(width). A trained model's scoring logit is computed in another (re-associated)
 * form; the two agree to rounding (about {@code 1e-16 × Σ|w_j x_j|} per column), which is why
 * additivity of SHAP values against a score's logit holds to {@link
 * LinearShap#ADDITIVITY_TOLERANCE} rather than bit for bit.
 *
 * <p>Immutable (arrays are copied in and out) and safe to share between threads.
 */
public final class LinearModel {
  private final FittedSchema schema;
  private final double intercept;
  private final double[] weights;
  private final Background background;

  private LinearModel(FittedSchema schema, double intercept, double[] weights, Background background) {
    this.schema = schema;
    this.intercept = intercept;
    this.weights = weights;
    this.background = background;
  }

  /**
   * A model from weights in extraction units.
   *
   * @param schema the fitted schema that extracts the columns the weights multiply
   * @param intercept {@code b}, finite
   * @param weights one finite weight per column of {@code schema} (copied)
   * @param background the background of the same schema
   * @throws IllegalArgumentException if a length does not match the schema, a number is not finite
   *     (the message names the column), the background belongs to another schema, or an interaction
   *     has another interaction column as a parent
   * @return the model
   */
  public static LinearModel of(FittedSchema schema, double intercept, double[] weights, Background background) {
    check(schema, intercept, weights, background);
    return new LinearModel(schema, intercept, weights.clone(), background);
  }

  /**
   * A model trained on standardised columns {@code z_j = (x_j − mean_j)/scale_j}, converted to
   * extraction units: {@code w_j = w'_j / scale_j} and
   * {@code b = b' − Σ_j w_j·mean_j} in column order. Columns with {@code scale_j = 0} are constant in
   * the training data; their weight is ignored (it is 0 in extraction units).
   *
   * @param schema the fitted schema
   * @param intercept the intercept {@code b'} of the standardised model
   * @param standardisedWeights {@code w'}, one per column
   * @param mean the standardisation means {@code μ}, one per column
   * @param scale the standardisation scales {@code σ >= 0} (population standard deviations)
   * @param background the background of the same schema
   * @return the model, in extraction units
   * @throws IllegalArgumentException as {@link #of}, or for a negative or non-finite scale
   */
  public static LinearModel fromStandardised(FittedSchema schema, double intercept, double[] standardisedWeights,
      double[] mean, double[] scale, Background background) {
    Objects.requireNonNull(schema, "schema");
    int d = schema.width();
    checkVector(schema, "standardisedWeights", standardisedWeights);
    checkVector(schema, "mean", mean);
    checkVector(schema, "scale", scale);
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, got " + intercept);
    }
    double[] w = new double[d];
    double b = intercept;
    for (int j = 0; j < d; j++) {
      if (scale[j] < 0) {
        throw new IllegalArgumentException("scale of column '" + schema.columns().get(j).name() + "' must be >= 0, got " + scale[j]);
      }
      if (scale[j] > 0) {
        w[j] = standardisedWeights[j] / scale[j];
        b -= w[j] * mean[j];
      }
    }
    check(schema, b, w, background);
    return new LinearModel(schema, b, w, background);
  }
  private static void check(FittedSchema schema, double intercept, double[] weights, Background background) {
    Objects.requireNonNull(schema, "schema");
    Objects.requireNonNull(background, "background");
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, got " + intercept);
    }
    checkVector(schema, "weights", weights);
    if (!background.schemaFingerprint().equals(schema.fingerprint()) || background.width() != schema.width()) {
      throw new IllegalArgumentException("the background belongs to schema " + background.schemaFingerprint()
          + " but the model's schema is " + schema.fingerprint());
    }
    Layout.of(schema); // rejects interactions of interactions
  }

  private static void checkVector(FittedSchema schema, String what, double[] v) {
    Objects.requireNonNull(v, what);
    if (v.length != schema.width()) {
      throw new IllegalArgumentException(what + " has " + v.length + " entries but the schema has " + schema.width() + " columns");
    }
    for (int j = 0; j < v.length; j++) {
      if (!Double.isFinite(v[j])) {
        throw new IllegalArgumentException(what + " of column '" + schema.columns().get(j).name() + "' must be finite, got " + v[j]);
      }
    }
  }

  /**
   * The same model explained against another background of the same schema.
   *
   * @param other the background
   * @return the model with that background
   */
  public LinearModel withBackground(Background other) {
    check(schema, intercept, weights, other);
    return new LinearModel(schema, intercept, weights, other);
  }

  /**
   * {@code b + Σ_j w_j·x_j} for an extracted vector, summed in column order. Allocation-free,
   * O(width).
   *
   * @param x a vector from {@link FittedSchema#extract}: at least {@code width()} values, of which
   *     the first {@code width()} are read; not modified
   * @return the logit
   */
  public double logit(double[] x) {
    double eta = intercept;
    for (int j = 0; j < weights.length; j++) {
      eta += weights[j] * x[j];
    }
    return eta;
  }

  /** {@return the fitted schema} */
  public FittedSchema schema() {
    return schema;
  }

  /** {@return the intercept in extraction units} */
  public double intercept() {
    return intercept;
  }

  /** {@return the weights in extraction units, a copy} */
  public double[] weights() {
    return weights.clone();
  }

  /**
   * The weight of one column, in extraction units.
   *
   * @param column the column's index
   * @return its weight
   */
  public double weight(int column) {
    return weights[column];
  }

  /** {@return the number of columns} */
  public int width() {
    return weights.length;
  }

  /** {@return the background explanations are measured against} */
  public Background background() {
    return background;
  }

  double[] weightsArray() {
    return weights;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearModel m && schema.equals(m.schema) && Double.compare(intercept, m.intercept) == 0
        && Arrays.equals(weights, m.weights) && background.equals(m.background);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, intercept, Arrays.hashCode(weights), background);
  }

  @Override
  public String toString() {
    return "LinearModel[" + schema.schema().name() + ", " + weights.length + " columns, intercept " + intercept + "]";
  }
}
