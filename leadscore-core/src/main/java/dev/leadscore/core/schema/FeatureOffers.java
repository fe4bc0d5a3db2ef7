package dev.leadscore.core.schema;

/**
 * What a declared feature offers rules and explanations beyond its columns: which kind of rule
 * can score it and how, how a sales rep could move it, and whether explanations credit it to
 * other features. Each feature kind states its offers in one place, so a rule engine or an
 * explainer asks {@link FeatureSpec#offers()} instead of testing the feature's class.
 *
 * <p>Immutable, safe to share between threads.
 */
public final class FeatureOffers {

  /** How a sales rep could change a feature's value, for "what would move this lead". */
  public enum Lever {
    /** Not by a single action (who the lead is, or a product of other features). */
    NONE,
    /** One more event of one of its {@linkplain FeatureSpec#eventTypes() event types}. */
    EVENTS,
    /** Setting its yes/no attribute (a {@link BooleanFeature}). */
    YES_NO,
    /** Setting its numeric attribute to another number (a {@link NumericFeature} without a basis). */
    NUMBER
  }

  /** Why a band of raw values can never match, or {@code null} when it can. */
  interface BandCheck {
    String whyNever(double from, double to);
  }

  private static final FeatureOffers NONE = new FeatureOffers(null, false, false, false, false, false, null, false,
      Lever.NONE, false);

  private final String missingLevel;
  private final boolean levelsLearned;
  private final boolean otherHoldsMissing;
  private final boolean bands;
  private final boolean alwaysHasValue;
  private final boolean edgeLog1p;
  private final BandCheck bandCheck;
  private final boolean yesNo;
  private final Lever lever;
  private final boolean splitBetweenParents;

  private FeatureOffers(String missingLevel, boolean levelsLearned, boolean otherHoldsMissing, boolean bands,
      boolean alwaysHasValue, boolean edgeLog1p, BandCheck bandCheck, boolean yesNo, Lever lever,
      boolean splitBetweenParents) {
    this.missingLevel = missingLevel;
    this.levelsLearned = levelsLearned;
    this.otherHoldsMissing = otherHoldsMissing;
    this.bands = bands;
    this.alwaysHasValue = alwaysHasValue;
    this.edgeLog1p = edgeLog1p;
    this.bandCheck = bandCheck;
    this.yesNo = yesNo;
    this.lever = lever;
    this.splitBetweenParents = splitBetweenParents;
  }

  /** Nothing offered; the kinds add to it. */
  static FeatureOffers none() {
    return NONE;
  }

  /** One-hot levels a levels rule can score. */
  FeatureOffers withLevels(String missingLevel, boolean learned, boolean otherHoldsMissing) {
    return new FeatureOffers(missingLevel, learned, otherHoldsMissing, bands, alwaysHasValue, edgeLog1p, bandCheck,
        yesNo, lever, splitBetweenParents);
  }

  /** A value a bands rule can score, with raw edges transformed by {@code log1p} when declared. */
  FeatureOffers withBands(boolean alwaysHasValue, boolean edgeLog1p, BandCheck check) {
    return new FeatureOffers(missingLevel, levelsLearned, otherHoldsMissing, true, alwaysHasValue, edgeLog1p, check,
        yesNo, lever, splitBetweenParents);
  }

  /** A yes/no value a flag rule can score. */
  FeatureOffers withYesNo() {
    return new FeatureOffers(missingLevel, levelsLearned, otherHoldsMissing, bands, alwaysHasValue, edgeLog1p,
        bandCheck, true, lever, splitBetweenParents);
  }

  FeatureOffers withLever(Lever lever) {
    return new FeatureOffers(missingLevel, levelsLearned, otherHoldsMissing, bands, alwaysHasValue, edgeLog1p,
        bandCheck, yesNo, lever, splitBetweenParents);
  }

  /** A product of other columns, credited to their features. */
  FeatureOffers withSplitBetweenParents() {
    return new FeatureOffers(missingLevel, levelsLearned, otherHoldsMissing, bands, alwaysHasValue, edgeLog1p,
        bandCheck, yesNo, lever, true);
  }

  /** {@return whether the feature has one-hot {@linkplain Column.Role#LEVEL level} columns a levels rule can score} */
  public boolean levels() {
    return missingLevel != null;
  }

  /**
   * The level that means "no value" ({@code unknown}, or {@link CategoricalFeature#MISSING}, which
   * is reserved even when it has no column), or {@code null} when the feature has no levels.
   *
   * @return the missing level, or {@code null}
   */
  public String missingLevel() {
    return missingLevel;
  }

  /** {@return whether the levels are learned when fitting, so a level named in a rule may have been folded into {@code other}} */
  public boolean levelsLearned() {
    return levelsLearned;
  }

  /** {@return whether missing values land in the {@code other} level too (a categorical without a missing level)} */
  public boolean otherHoldsMissing() {
    return otherHoldsMissing;
  }

  /** {@return whether the feature's value column can be scored by bands of raw values} */
  public boolean bands() {
    return bands;
  }

  /**
   * Whether the value is never missing (an event count of 0, a recency's "never" counted as its
   * cap); meaningful when {@link #bands()}.
   *
   * @return whether the value is never missing
   */
  public boolean alwaysHasValue() {
    return alwaysHasValue;
  }

  /**
   * A raw band edge in the units of the extracted value: the feature's sign-symmetric
   * {@code log1p} when it declares one, but not its clipping, so that comparing the clipped,
   * transformed value against transformed edges is comparing the clipped raw value against the
   * raw edges. Infinite edges are returned as they are.
   *
   * @param raw the edge in the attribute's raw units
   * @return the edge in extracted units
   */
  public double bandEdge(double raw) {
    if (edgeLog1p && Double.isFinite(raw)) {
      return raw >= 0 ? Math.log1p(raw) : -Math.log1p(-raw);
    }
    return raw;
  }

  /**
   * Why a band {@code [from, to)} of raw values can never match this feature's values (for
   * example "feature 'x' clips its values to [0.0, 100.0]"), or {@code null} when it can or the
   * feature offers no bands.
   *
   * @param from the band's lower edge in raw units, inclusive
   * @param to the band's upper edge in raw units, exclusive
   * @return the reason, or {@code null}
   */
  public String whyBandNeverMatches(double from, double to) {
    return bandCheck == null ? null : bandCheck.whyNever(from, to);
  }

  /** {@return whether the feature is a yes/no value a flag rule can score} */
  public boolean yesNo() {
    return yesNo;
  }

  /** {@return how a rep could move the feature (whether it is {@linkplain FeatureInfo#actionable() actionable} is separate)} */
  public Lever lever() {
    return lever;
  }

  /**
   * Whether the feature's column is a product of other features' columns, so explanations split
   * its contribution between those features rather than showing it as a feature of its own.
   *
   * @return whether contributions are split between the parent features
   */
  public boolean splitBetweenParents() {
    return splitBetweenParents;
  }
}
