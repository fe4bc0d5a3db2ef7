package dev.leadscore.core.schema;

/**
 * How a {@link NumericFeature} is expanded so that a linear model can bend: not at all, into
 * one-hot quantile bins, or into a piecewise-linear hinge basis. The knots are learned when the
 * schema is fitted, as quantiles of the training rows' transformed values (training rows only,
 * so inside each cross-validation fold), and stored in the fitted schema. All the columns of a
 * feature stay one feature, so an explanation still gives it one reason.
 *
 * <p>Knots sit at the quantile probabilities {@code i/(knots+1)}, {@code i = 1..knots}, with
 * linear interpolation between order statistics (numpy's default); repeated knots (from tied
 * values) are dropped, so a feature may end with fewer knots than asked for.
 *
 * <p>Immutable record, safe to share between threads.
 *
 * @param kind the expansion
 * @param knots how many knots to learn, {@code 1..50} (0 for {@link Kind#NONE} and {@link Kind#LINEAR})
 */
public record Basis(Kind kind, int knots) {
  /** The expansions. */
  public enum Kind {
    /** One column: the value. A trainer may give the feature an automatic basis. */
    NONE,
    /**
     * One column: the value, declared so ({@code "basis": "linear"}): a trainer's automatic basis
     * leaves it alone.
     */
    LINEAR,
    /**
     * One 0/1 column per bin {@code <name>=bin1 .. bin<k+1>}; bin {@code j} holds values with
     * {@code knot[j-1] <= v < knot[j]}. No linear column.
     */
    QUANTILE_BINS,
    /**
     * The value plus {@code max(0, v - knot[j])} per knot in columns {@code <name>_h1 ..}:
     * continuous, piecewise linear.
     */
    HINGE
  }

  /** The largest number of knots a schema may ask for. */
  public static final int MAX_KNOTS = 50;

  /** @throws IllegalArgumentException if the knot count does not fit the kind */
  public Basis {
    if (kind == null) {
      throw new IllegalArgumentException("basis kind must be NONE, LINEAR, QUANTILE_BINS or HINGE, got null");
    }
    boolean plain = kind == Kind.NONE || kind == Kind.LINEAR;
    if (plain ? knots != 0 : knots < 1 || knots > MAX_KNOTS) {
      throw new IllegalArgumentException("basis " + kind + " needs knots in " + (plain ? "{0}" : "1.." + MAX_KNOTS) + ", got " + knots);
    }
  }

  /** Whether the value expands into more than its one value column (bins or hinges). */
  public boolean expands() {
    return kind == Kind.QUANTILE_BINS || kind == Kind.HINGE;
  }

  /** No expansion. */
  public static Basis none() {
    return new Basis(Kind.NONE, 0);
  }

  /** A plain value that an automatic basis must not replace (the schema's opt-out). */
  public static Basis linear() {
    return new Basis(Kind.LINEAR, 0);
  }

  /** {@code knots + 1} quantile bins. */
  public static Basis quantileBins(int knots) {
    return new Basis(Kind.QUANTILE_BINS, knots);
  }

  /** A hinge basis with {@code knots} knots. */
  public static Basis hinge(int knots) {
    return new Basis(Kind.HINGE, knots);
  }
}
