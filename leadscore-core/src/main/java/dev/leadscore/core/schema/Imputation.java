package dev.leadscore.core.schema;

/**
 * What a missing value becomes. {@link Strategy#MEAN} and {@link Strategy#MEDIAN} are learned
 * from the training rows when the schema is fitted (in the feature's transformed units, after
 * clipping and {@code log1p}); {@link Strategy#CONSTANT} is declared, in the attribute's raw
 * units, and transformed like any present value.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param strategy how the value is chosen
 * @param value the declared value for {@code CONSTANT}; ignored (and stored as 0) otherwise
 */
public record Imputation(Strategy strategy, double value) {
  /** How an imputed value is chosen. */
  public enum Strategy {
    /** Mean of the training rows that have a value. */
    MEAN,
    /** Median of the training rows that have a value. */
    MEDIAN,
    /** A declared value. */
    CONSTANT
  }

  /**
   * @param strategy how the value is chosen
   * @param value the declared value for {@code CONSTANT}; ignored (and stored as 0) otherwise
   * @throws IllegalArgumentException if the strategy is null or a constant is not finite
   */
  public Imputation {
    if (strategy == null) {
      throw new IllegalArgumentException("imputation strategy must be one of MEAN, MEDIAN, CONSTANT, got null");
    }
    if (strategy != Strategy.CONSTANT) {
      value = 0;
    } else if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("a constant imputation value must be finite, got " + value);
    }
  }

  /**
   * Impute the training mean.
   *
   * @return the imputation
   */
  public static Imputation mean() {
    return new Imputation(Strategy.MEAN, 0);
  }

  /**
   * Impute the training median.
   *
   * @return the imputation
   */
  public static Imputation median() {
    return new Imputation(Strategy.MEDIAN, 0);
  }

  /**
   * Impute a declared raw value.
   *
   * @param value the raw value imputed, finite
   * @return the imputation
   */
  public static Imputation constant(double value) {
    return new Imputation(Strategy.CONSTANT, value);
  }
}
