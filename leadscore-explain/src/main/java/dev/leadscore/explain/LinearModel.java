package dev.leadscore.explain;

import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.model.TrainedModel;
import java.util.Arrays;
import java.util.Objects;

/**
 * A linear lead-scoring model as the explain module sees it: a fitted schema, an intercept and
 * one weight per column, so that {@code logit = b + Σ_j w_j·x_j} for the vector {@code x} the schema
 * extracts, plus the {@link Background} explanations are measured against. It is the module's own
 * input type, so that a scorer can be built from a trained model's numbers <em>or</em> from weights
 * written by hand (deterministic host tests, no training).
 *
 * <p><b>Units.</b> {@link #intercept()} and {@link #weights()} are in <em>extraction units</em>:
 * they multiply the raw columns {@link FittedSchema#extract} writes, not standardised ones. A model
 * trained on standardised columns {@code z_j = (x_j − μ_j)/σ_j} converts as
 * {@code w_j = w'_j/σ_j}, {@code b = b' − Σ_j w'_j·μ_j/σ_j} (a constant column, {@code σ_j = 0},
 * gets weight 0); {@link #fromStandardised} does that for you and also keeps the standardised form,
 * so that {@link #logit} is computed on standardised columns as in training.
 *
 * <p><b>Logit.</b> {@link #logit(double[])} is {@code b + Σ w_j x_j} summed in column order for a
 * model made by {@link #of(FittedSchema, double, double[], Background)}; for one made by {@link
 * #fromStandardised} it is {@code b' + Σ_{σ_j > 0} w'_j·((x_j − μ_j)·(1/σ_j))} in column order;
 * for one made by {@link #of(TrainedModel)} it is the trained model's own {@link
 * TrainedModel#logit} (its dense raw or centred form), so scores match the trained model, and the same model
 * saved and loaded, bit for bit. The forms agree to rounding (about {@code 1e-16 × Σ|w_j x_j|} per
 * column), which is why additivity of SHAP values holds to {@link
 * LinearShap#ADDITIVITY_TOLERANCE} rather than bit for bit. Allocation-free, O(width).
 *
 * <p>Immutable (arrays are copied in and out) and safe to share between threads.
 */
public final class LinearModel {
  private final FittedSchema schema;
  private final double intercept;
  private final double[] weights;
  private final Background background;
  // The standardised form, kept so that logit sums as training did; null (stdIntercept NaN) for a
  // model built from extraction-unit weights, whose logit is then b + Σ w_j x_j.
  private final double stdIntercept;
  private final double[] stdWeights;
  private final double[] stdMean;
  private final double[] stdInverse;
  private final int[] active;
  // A trained model whose own logit is used, so scores match it bit for bit; or null.
  private final TrainedModel trained;

  private LinearModel(FittedSchema schema, double intercept, double[] weights, Background background,
      double stdIntercept, double[] stdWeights, double[] stdMean, double[] stdInverse, int[] active,
      TrainedModel trained) {
    this.trained = trained;
    this.schema = schema;
    this.intercept = intercept;
    this.weights = weights;
    this.background = background;
    this.stdIntercept = stdIntercept;
    this.stdWeights = stdWeights;
    this.stdMean = stdMean;
    this.stdInverse = stdInverse;
    this.active = active;
  }

  /**
   * The linear view of a trained model: its schema and weights in extraction units, the training
   * data's column means as background, and its own logit (so scores and the model's
   * {@link TrainedModel#logit} agree bit for bit).
   */
  public static LinearModel of(TrainedModel trained) {
    Objects.requireNonNull(trained, "trained");
    return fromStandardised(trained.schema(), trained.intercept(), trained.weights(), trained.means(),
        trained.scales(), Background.ofMeans(trained.schema(), trained.background().columnMeans()), trained);
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
   */
  public static LinearModel of(FittedSchema schema, double intercept, double[] weights, Background background) {
    check(schema, intercept, weights, background);
    return new LinearModel(schema, intercept, weights.clone(), background, Double.NaN, null, null, null, null, null);
  }

  /**
   * A model trained on standardised columns {@code z_j = (x_j − mean_j)/scale_j}, converted to
   * extraction units for explanations while its logit is still computed in the standardised form
   * (summed in column order; {@link #of(TrainedModel)} uses the trained model's own logit). Columns with {@code scale_j = 0} are constant in the
   * training data; their weight is ignored (it is 0 in extraction units too).
   *
   * @param schema the fitted schema
   * @param intercept the intercept {@code b'} of the standardised model
   * @param standardisedWeights {@code w'}, one per column
   * @param mean the standardisation means {@code μ}, one per column
   * @param scale the standardisation scales {@code σ >= 0} (population standard deviations)
   * @param background the background of the same schema
   * @throws IllegalArgumentException as {@link #of}, or for a negative or non-finite scale
   */
  public static LinearModel fromStandardised(FittedSchema schema, double intercept, double[] standardisedWeights,
      double[] mean, double[] scale, Background background) {
    return fromStandardised(schema, intercept, standardisedWeights, mean, scale, background, null);
  }

  private static LinearModel fromStandardised(FittedSchema schema, double intercept, double[] standardisedWeights,
      double[] mean, double[] scale, Background background, TrainedModel trained) {
    Objects.requireNonNull(schema, "schema");
    int d = schema.width();
    checkVector(schema, "standardisedWeights", standardisedWeights);
    checkVector(schema, "mean", mean);
    checkVector(schema, "scale", scale);
    if (!Double.isFinite(intercept)) {
      throw new IllegalArgumentException("intercept must be finite, got " + intercept);
    }
    double[] w = new double[d];
    double[] inverse = new double[d];
    int count = 0;
    double b = intercept;
    for (int j = 0; j < d; j++) {
      if (scale[j] < 0) {
        throw new IllegalArgumentException("scale of column '" + schema.columns().get(j).name() + "' must be >= 0, got " + scale[j]);
      }
      if (scale[j] > 0) {
        inverse[j] = 1.0 / scale[j];
        w[j] = standardisedWeights[j] / scale[j];
        b -= w[j] * mean[j];
        count++;
      }
    }
    int[] act = new int[count];
    for (int j = 0, k = 0; j < d; j++) {
      if (scale[j] > 0) {
        act[k++] = j;
      }
    }
    check(schema, b, w, background);
    return new LinearModel(schema, b, w, background, intercept, standardisedWeights.clone(), mean.clone(), inverse, act,
        trained);
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

  /** The same model explained against another background of the same schema. */
  public LinearModel withBackground(Background other) {
    check(schema, intercept, weights, other);
    return new LinearModel(schema, intercept, weights, other, stdIntercept, stdWeights, stdMean, stdInverse, active, trained);
  }

  /**
   * The model's logit for an extracted vector (see the class comment for the exact arithmetic).
   * Allocation-free, O(width).
   *
   * @param x a vector from {@link FittedSchema#extract}: exactly {@code width()} values for a model
   *     made by {@link #of(TrainedModel)}; for the others at least {@code width()}, of which the
   *     first {@code width()} are read
   * @throws IllegalArgumentException for a model made by {@link #of(TrainedModel)}, as {@link
   *     TrainedModel#logit}: {@code x} of another length, or a NaN logit
   */
  public double logit(double[] x) {
    if (trained != null) {
      return trained.logit(x);
    }
    if (active != null) {
      double eta = stdIntercept;
      for (int j : active) {
        eta += stdWeights[j] * ((x[j] - stdMean[j]) * stdInverse[j]);
      }
      return eta;
    }
    double eta = intercept;
    for (int j = 0; j < weights.length; j++) {
      eta += weights[j] * x[j];
    }
    return eta;
  }

  /** The fitted schema. */
  public FittedSchema schema() {
    return schema;
  }

  /** The intercept in extraction units. */
  public double intercept() {
    return intercept;
  }

  /** The weights in extraction units, a copy. */
  public double[] weights() {
    return weights.clone();
  }

  /** The weight of one column, in extraction units. */
  public double weight(int column) {
    return weights[column];
  }

  /** The number of columns. */
  public int width() {
    return weights.length;
  }

  /** Whether the logit is computed in the standardised form ({@link #fromStandardised}). */
  public boolean standardised() {
    return active != null;
  }

  /** The background explanations are measured against. */
  public Background background() {
    return background;
  }

  double[] weightsArray() {
    return weights;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LinearModel m && schema.equals(m.schema) && Double.compare(intercept, m.intercept) == 0
        && Arrays.equals(weights, m.weights) && background.equals(m.background)
        && Double.compare(stdIntercept, m.stdIntercept) == 0 && Arrays.equals(stdWeights, m.stdWeights)
        && Arrays.equals(stdMean, m.stdMean) && Arrays.equals(stdInverse, m.stdInverse);
  }

  @Override
  public int hashCode() {
    return Objects.hash(schema, intercept, Arrays.hashCode(weights), background);
  }

  @Override
  public String toString() {
    return "LinearModel[" + schema.schema().name() + ", " + weights.length + " columns, intercept " + intercept
        + (active != null ? ", standardised" : "") + "]";
  }
}
