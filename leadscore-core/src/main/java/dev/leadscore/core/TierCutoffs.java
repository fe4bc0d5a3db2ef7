package dev.leadscore.core;

/**
 * Three score cut-offs on the 0–100 score scale that split leads into the four {@link Tier}s: a
 * score {@code >= hot} is {@link Tier#HOT}, else {@code >= warm} is {@link Tier#WARM}, else
 * {@code >= nurture} is {@link Tier#NURTURE}, else {@link Tier#SUPPRESS}. Each tier is thus a
 * half-open band {@code [lower, upper)} and a score exactly on a cut-off goes to the more urgent
 * tier.
 *
 * <p><b>Valid values.</b> Each cut-off is in {@code [0, 100]} or is {@link #EMPTY_TIER} ({@code
 * +Infinity}), and {@code hot >= warm >= nurture}. Equal cut-offs are allowed and make the band
 * between them empty: {@code warm == hot} means nobody is WARM. Because a score can be 100, a
 * finite cut-off cannot empty the HOT tier; {@code +Infinity} is the explicit "nobody" value for
 * that (and then, by the ordering rule, for any tier whose cut-off is also {@code +Infinity}).
 * A {@code nurture} of 0 empties SUPPRESS. A negative zero is stored as {@code +0.0}, so equal
 * behaviour means equal objects. Note for serialisers: plain JSON has no infinity, so a writer
 * must encode {@code +Infinity} explicitly (e.g. as a string) and read it back.
 *
 * <p>Usually obtained from a {@link TierPolicy}; {@link #of} builds one directly.
 *
 * <p>Immutable record, safe to share between threads; {@link #tierOf} allocates nothing.
 *
 * @param hot the lowest HOT score, in [0, 100] or {@code +Infinity} for an empty HOT tier
 * @param warm the lowest WARM score, in [0, 100] or {@code +Infinity}; at most {@code hot}
 * @param nurture the lowest NURTURE score, in [0, 100] or {@code +Infinity}; at most {@code warm}
 */
public record TierCutoffs(double hot, double warm, double nurture) {

  /**
   * The cut-off value that admits no score at all ({@code +Infinity}), used to make a tier (and
   * every tier below it sharing the value) empty.
   */
  public static final double EMPTY_TIER = Double.POSITIVE_INFINITY;

  /**
   * @param hot the lowest HOT score, in [0, 100] or {@code +Infinity} for an empty HOT tier
   * @param warm the lowest WARM score, in [0, 100] or {@code +Infinity}; at most {@code hot}
   * @param nurture the lowest NURTURE score, in [0, 100] or {@code +Infinity}; at most {@code warm}
   * @throws IllegalArgumentException if a cut-off is NaN, negative, above 100 yet finite, or
   *     {@code -Infinity}, or if {@code hot >= warm >= nurture} does not hold; the message names
   *     the rule and the offending values
   */
  public TierCutoffs {
    checkRange("hot", hot);
    checkRange("warm", warm);
    checkRange("nurture", nurture);
    if (!(hot >= warm && warm >= nurture)) {
      throw new IllegalArgumentException(
          "cut-offs must satisfy hot >= warm >= nurture, got hot="
              + hot
              + ", warm="
              + warm
              + ", nurture="
              + nurture);
    }
    // -0.0 and 0.0 classify every score identically; record equality compares bit patterns.
    hot += 0.0;
    warm += 0.0;
    nurture += 0.0;
  }

  /**
   * The cut-offs {@code hot >= warm >= nurture}, each in [0, 100] or {@link #EMPTY_TIER}.
   *
   * @param hot the lowest HOT score, in [0, 100] or {@code +Infinity} for an empty HOT tier
   * @param warm the lowest WARM score, in [0, 100] or {@code +Infinity}; at most {@code hot}
   * @param nurture the lowest NURTURE score, in [0, 100] or {@code +Infinity}; at most {@code warm}
   * @return the cut-offs
   * @throws IllegalArgumentException as the canonical constructor
   */
  public static TierCutoffs of(double hot, double warm, double nurture) {
    return new TierCutoffs(hot, warm, nurture);
  }

  /**
   * The tier of a score on the 0–100 scale. Higher scores never get a less urgent tier.
   *
   * @param score the score, 0–100
   * @return the tier
   * @throws IllegalArgumentException if the score is NaN or outside [0, 100], since that is a
   *     bug upstream that a tier would hide
   */
  public Tier tierOf(double score) {
    if (!(score >= 0.0 && score <= 100.0)) {
      throw new IllegalArgumentException(
          Double.isNaN(score)
              ? "cannot assign a tier to a NaN score"
              : "score must be in [0, 100] to assign a tier, got " + score);
    }
    // hot >= warm >= nurture, so the number of cut-offs the score reaches is the tier's rank.
    // Counting compiles to flag arithmetic, where an if-chain costs a mispredicted branch per
    // lead on mixed pipelines.
    int reached = (score >= nurture ? 1 : 0) + (score >= warm ? 1 : 0) + (score >= hot ? 1 : 0);
    return BY_CUTOFFS_REACHED[reached];
  }

  private static final Tier[] BY_CUTOFFS_REACHED = {Tier.SUPPRESS, Tier.NURTURE, Tier.WARM, Tier.HOT};

  private static void checkRange(String name, double value) {
    boolean ok = (value >= 0.0 && value <= 100.0) || value == EMPTY_TIER;
    if (!ok) {
      throw new IllegalArgumentException(
          "cut-off "
              + name
              + " must be in [0, 100] or +Infinity (empty tier), got "
              + name
              + "="
              + value);
    }
  }
}
