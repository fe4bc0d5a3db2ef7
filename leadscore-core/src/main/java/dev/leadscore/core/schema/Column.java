package dev.leadscore.core.schema;

/**
 * One numeric column of an extracted feature vector, and where it came from.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param index position in the vector written by {@link FittedSchema#extract}
 * @param name unique column name: the feature name, {@code <feature>=<level>} for one-hot levels,
 *     or {@code <feature>_missing} for a missing flag
 * @param feature the name of the feature that produced it; explanations group columns by it
 * @param family the feature's family
 * @param role what the column holds
 * @param level the level for {@link Role#LEVEL} columns ({@code bin1, bin2, ...} for quantile
 *     bins), else {@code null}
 */
public record Column(int index, String name, String feature, String family, Role role, String level) {
  /** What a column holds. */
  public enum Role {
    /** The feature's (transformed, imputed) value. */
    VALUE,
    /** 1 when the raw value was missing, else 0. */
    MISSING_FLAG,
    /** 1 when the value falls in {@link Column#level}, else 0. */
    LEVEL,
    /** The product of two other columns. */
    INTERACTION,
    /** A hinge term {@code max(0, v - knot)} of a numeric feature's learned basis. */
    BASIS
  }
}
