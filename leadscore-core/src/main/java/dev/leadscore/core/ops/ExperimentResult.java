package dev.leadscore.core.ops;

import dev.leadscore.core.Tier;
import dev.leadscore.core.internal.Normal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The verdict of a champion/challenger {@link Experiment} once outcomes are in: per arm, how many
 * leads it decided, how many of them it put in the top tiers and how many of those converted;
 * and whether the top tiers' conversion rates differ, by a two-proportion z-test with a
 * confidence interval for the difference.
 *
 * <p><b>Statistics.</b> With {@code x₁} of {@code n₁} top-tier leads converting in the champion
 * arm and {@code x₂} of {@code n₂} in the challenger arm, {@code p̂₁ = x₁/n₁}, {@code p̂₂ =
 * x₂/n₂} and the {@linkplain #difference() difference} {@code d = p̂₂ − p̂₁} (positive when the
 * challenger's top tiers convert better), as a fraction (0.03 = 3 percentage points).
 * <ul>
 *   <li>Test of {@code H₀: p₁ = p₂} (two-sided): pooled rate {@code p̄ = (x₁+x₂)/(n₁+n₂)},
 *       {@linkplain #pooledStandardError() pooled standard error} {@code √(p̄(1−p̄)(1/n₁+1/n₂))},
 *       {@linkplain #z() z} {@code = d / SE_pooled}, {@linkplain #pValue() p-value} {@code =
 *       2·(1 − Φ(|z|))}, with the normal tail computed to a relative 1e-14 (see {@code Normal}, tested
 *       against 20-digit reference values). This is the
 *       uncorrected chi-squared test of a 2×2 table ({@code z² = χ²}), e.g. R's {@code
 *       prop.test(correct = FALSE)} or statsmodels' {@code proportions_ztest}.</li>
 *   <li>Interval for {@code p₂ − p₁}: the unpooled Wald interval {@code d ± z_{(1+L)/2}·SE},
 *       {@linkplain #standardError() SE} {@code = √(p̂₁(1−p̂₁)/n₁ + p̂₂(1−p̂₂)/n₂)}, at the
 *       {@linkplain #confidenceLevel() confidence level} L (0.95 unless asked otherwise: {@code
 *       z = 1.959963984540054}), clipped to [−1, 1]. Because the test pools and the interval
 *       does not, in borderline cases the interval may exclude 0 while {@code p >= 1 − L}, or
 *       the other way round.</li>
 * </ul>
 *
 * <p><b>Edge cases.</b> When an arm has no top-tier leads its rate, {@code d}, {@code z}, the
 * p-value and the interval are all {@code NaN}, {@link #significant()} is false, and {@link
 * #warnings()} says which arm. When both arms' top tiers all converted, or none did, the pooled
 * standard error is 0: the observed rates are equal, so {@code z = 0} and {@code p = 1} (the
 * interval degenerates to [0, 0]). Whenever an arm has fewer than {@value #MIN_EXPECTED}
 * conversions or non-conversions in its top tiers, a warning says the normal approximation is
 * rough there. Note that the top tiers of the two arms are different leads chosen by different
 * scorers: a higher rate can come with fewer top-tier leads, so read the rates with {@link
 * ArmStats#topTierShare()}.
 *
 * <p>Immutable and safe to share between threads.
 */
public final class ExperimentResult {
  /** Below this many conversions (or non-conversions) in an arm's top tiers, a warning is given. */
  public static final int MIN_EXPECTED = 5;

  private final String experiment;
  private final Set<Tier> topTiers;
  private final double confidenceLevel;
  private final ArmStats champion;
  private final ArmStats challenger;
  private final double difference;
  private final double pooledStandardError;
  private final double z;
  private final double pValue;
  private final double standardError;
  private final double lower;
  private final double upper;
  private final List<String> warnings;

  /**
   * One arm's counts. Immutable record, safe to share between threads.
   *
   * @param arm the arm
   * @param leads leads assigned to the arm (with a known outcome)
   * @param conversions how many of them converted
   * @param topTierLeads how many of them the arm put in a top tier
   * @param topTierConversions how many of those converted
   */
  public record ArmStats(Arm arm, long leads, long conversions, long topTierLeads, long topTierConversions) {
    /**
     * @param arm the arm
     * @param leads leads assigned to the arm (with a known outcome)
     * @param conversions how many of them converted
     * @param topTierLeads how many of them the arm put in a top tier
     * @param topTierConversions how many of those converted
     * @throws IllegalArgumentException unless every count is non-negative, {@code conversions <=
     *     leads}, {@code topTierLeads <= leads} and {@code topTierConversions <= min(topTierLeads,
     *     conversions)}
     */
    public ArmStats {
      Objects.requireNonNull(arm, "arm");
      if (leads < 0 || conversions < 0 || topTierLeads < 0 || topTierConversions < 0 || conversions > leads
          || topTierLeads > leads || topTierConversions > topTierLeads || topTierConversions > conversions) {
        throw new IllegalArgumentException(arm + " arm: counts must be non-negative with conversions <= leads, "
            + "topTierLeads <= leads and topTierConversions <= min(topTierLeads, conversions), got leads=" + leads
            + ", conversions=" + conversions + ", topTierLeads=" + topTierLeads + ", topTierConversions="
            + topTierConversions);
      }
    }

    /**
     * Conversion rate in the top tiers, {@code topTierConversions / topTierLeads}; NaN when there are none.
     *
     * @return the top-tier conversion rate, 0–1, or NaN
     */
    public double topTierRate() {
      return topTierLeads == 0 ? Double.NaN : (double) topTierConversions / topTierLeads;
    }

    /**
     * Conversion rate of all the arm's leads; NaN when it has none.
     *
     * @return the conversion rate, 0–1, or NaN
     */
    public double conversionRate() {
      return leads == 0 ? Double.NaN : (double) conversions / leads;
    }

    /**
     * Share of the arm's leads it put in the top tiers; NaN when it has none.
     *
     * @return the top-tier share, 0–1, or NaN
     */
    public double topTierShare() {
      return leads == 0 ? Double.NaN : (double) topTierLeads / leads;
    }

    /**
     * Share of the arm's conversions that were in its top tiers (how much of the arm's business
     * the top tiers caught); NaN when the arm had no conversions.
     *
     * @return the top-tier capture, 0–1, or NaN
     */
    public double topTierCapture() {
      return conversions == 0 ? Double.NaN : (double) topTierConversions / conversions;
    }
  }

  private ExperimentResult(String experiment, ArmStats champion, ArmStats challenger, Set<Tier> topTiers,
      double confidenceLevel) {
    this.experiment = Objects.requireNonNull(experiment, "experiment");
    this.champion = Objects.requireNonNull(champion, "champion");
    this.challenger = Objects.requireNonNull(challenger, "challenger");
    if (champion.arm() != Arm.CHAMPION || challenger.arm() != Arm.CHALLENGER) {
      throw new IllegalArgumentException("experiment '" + experiment + "': expected the CHAMPION's and then the "
          + "CHALLENGER's counts, got " + champion.arm() + " and " + challenger.arm());
    }
    this.topTiers = checkTopTiers(topTiers);
    this.confidenceLevel = checkLevel(confidenceLevel);
    List<String> notes = new ArrayList<>();
    long n1 = champion.topTierLeads();
    long x1 = champion.topTierConversions();
    long n2 = challenger.topTierLeads();
    long x2 = challenger.topTierConversions();
    String tiers = describe(this.topTiers);
    if (n1 == 0 || n2 == 0) {
      for (ArmStats a : List.of(champion, challenger)) {
        if (a.topTierLeads() == 0) {
          notes.add("the " + a.arm().name().toLowerCase(Locale.ROOT) + " arm has no leads in tiers " + tiers + " (of "
              + a.leads() + " leads), so the arms cannot be compared: difference, z, p-value and interval are NaN");
        }
      }
      this.difference = Double.NaN;
      this.pooledStandardError = Double.NaN;
      this.z = Double.NaN;
      this.pValue = Double.NaN;
      this.standardError = Double.NaN;
      this.lower = Double.NaN;
      this.upper = Double.NaN;
    } else {
      double p1 = (double) x1 / n1;
      double p2 = (double) x2 / n2;
      this.difference = p2 - p1;
      double pooled = (double) (x1 + x2) / (n1 + n2);
      this.pooledStandardError = Math.sqrt(pooled * (1 - pooled) * (1.0 / n1 + 1.0 / n2));
      if (pooledStandardError == 0) {
        // Both arms' top tiers all converted, or none did: equal rates, nothing to test.
        this.z = 0.0;
        this.pValue = 1.0;
        notes.add((x1 == 0 ? "no" : "every") + " top-tier lead converted in either arm, so the rates are equal "
            + "(z = 0, p = 1) and the interval is degenerate");
      } else {
        this.z = difference / pooledStandardError;
        this.pValue = Normal.twoSidedP(z);
      }
      this.standardError = Math.sqrt(p1 * (1 - p1) / n1 + p2 * (1 - p2) / n2);
      double critical = Normal.upperQuantile((1 - this.confidenceLevel) / 2);
      this.lower = Math.max(-1.0, difference - critical * standardError);
      this.upper = Math.min(1.0, difference + critical * standardError);
      for (ArmStats a : List.of(champion, challenger)) {
        long x = a.topTierConversions();
        long n = a.topTierLeads();
        if (x < MIN_EXPECTED || n - x < MIN_EXPECTED) {
          notes.add("the " + a.arm().name().toLowerCase(Locale.ROOT) + " arm's top tiers have " + x + " conversions and "
              + (n - x) + " non-conversions (fewer than " + MIN_EXPECTED + "), so the normal approximation is rough: "
              + "treat the p-value and interval as indicative");
        }
      }
    }
    this.warnings = List.copyOf(notes);
  }

  /**
   * A result from counts per arm, e.g. counts a host aggregated itself.
   *
   * @param experiment the experiment's name
   * @param champion the champion arm's counts ({@link ArmStats#arm()} must be {@link Arm#CHAMPION})
   * @param challenger the challenger arm's counts ({@link ArmStats#arm()} must be {@link Arm#CHALLENGER})
   * @param topTiers the tiers the counts' "top tier" means, not empty (recorded, not re-checked)
   * @param confidenceLevel of the interval, in (0, 1), e.g. 0.95
   * @return the result
   * @throws IllegalArgumentException for arms in the wrong slots, no top tiers or a level outside (0, 1)
   */
  public static ExperimentResult of(String experiment, ArmStats champion, ArmStats challenger, Set<Tier> topTiers,
      double confidenceLevel) {
    return new ExperimentResult(experiment, champion, challenger, topTiers, confidenceLevel);
  }

  static Set<Tier> checkTopTiers(Set<Tier> topTiers) {
    Objects.requireNonNull(topTiers, "topTiers");
    boolean hasNull = false;
    for (Tier t : topTiers) { // not contains(null): immutable sets throw on it
      hasNull |= t == null;
    }
    if (topTiers.isEmpty() || hasNull) {
      throw new IllegalArgumentException("topTiers must name at least one tier and no null, got " + topTiers);
    }
    return Collections.unmodifiableSet(EnumSet.copyOf(topTiers));
  }

  static double checkLevel(double level) {
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("confidence level must be in (0, 1), e.g. 0.95, got " + level);
    }
    return level;
  }

  private static String describe(Set<Tier> tiers) {
    return tiers.stream().map(Tier::label).collect(Collectors.joining("+"));
  }

  /** {@return the experiment's name} */
  public String experiment() {
    return experiment;
  }

  /** {@return the tiers counted as "top", in urgency order (unmodifiable)} */
  public Set<Tier> topTiers() {
    return topTiers;
  }

  /** {@return the confidence level of {@link #lower()} and {@link #upper()}, in (0, 1)} */
  public double confidenceLevel() {
    return confidenceLevel;
  }

  /** {@return the champion arm's counts} */
  public ArmStats champion() {
    return champion;
  }

  /** {@return the challenger arm's counts} */
  public ArmStats challenger() {
    return challenger;
  }

  /**
   * The counts of the given arm.
   *
   * @param arm the arm
   * @return its counts
   */
  public ArmStats arm(Arm arm) {
    return Objects.requireNonNull(arm, "arm") == Arm.CHAMPION ? champion : challenger;
  }

  /**
   * Challenger's minus champion's top-tier conversion rate, as a fraction; NaN when an arm has no top-tier leads.
   *
   * @return the difference in conversion rate, −1 to 1, or NaN
   */
  public double difference() {
    return difference;
  }

  /** {@return the pooled standard error of the difference under {@code H₀}, used by the test} */
  public double pooledStandardError() {
    return pooledStandardError;
  }

  /** {@return the test statistic {@code difference / pooledStandardError}} */
  public double z() {
    return z;
  }

  /** {@return the two-sided p-value of the test, in [0, 1]; NaN when an arm has no top-tier leads} */
  public double pValue() {
    return pValue;
  }

  /** {@return the unpooled standard error of the difference, used by the interval} */
  public double standardError() {
    return standardError;
  }

  /**
   * Lower end of the Wald interval for the difference, at {@link #confidenceLevel()}.
   *
   * @return the interval's lower end, as a difference in rate
   */
  public double lower() {
    return lower;
  }

  /**
   * Upper end of the Wald interval for the difference, at {@link #confidenceLevel()}.
   *
   * @return the interval's upper end, as a difference in rate
   */
  public double upper() {
    return upper;
  }

  /**
   * Whether the test rejects equal rates at level {@code 1 − confidenceLevel} ({@code p < 1 − L});
   * false when the p-value is NaN.
   *
   * @return whether the difference is significant
   */
  public boolean significant() {
    return pValue < 1 - confidenceLevel;
  }

  /** {@return what to be careful about when reading this result (empty when nothing); unmodifiable} */
  public List<String> warnings() {
    return warnings;
  }

  /**
   * One plain-English paragraph: rates, difference, interval, z, p-value and warnings.
   *
   * @return the summary
   */
  public String summary() {
    String tiers = describe(topTiers);
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Experiment '%s', %s leads: challenger %s vs champion %s", experiment, tiers,
        rate(challenger), rate(champion)));
    if (!Double.isNaN(difference)) {
      sb.append(String.format(Locale.ROOT, "; difference %+.2f points, %.0f%% CI [%+.2f, %+.2f], z = %.3f, p = %.4g",
          100 * difference, 100 * confidenceLevel, 100 * lower, 100 * upper, z, pValue));
      sb.append(significant() ? " (significant)" : " (not significant)");
    }
    sb.append('.');
    for (String w : warnings) {
      sb.append(" Note: ").append(w).append('.');
    }
    return sb.toString();
  }

  private static String rate(ArmStats a) {
    return a.topTierLeads() == 0 ? "n/a (0 leads)"
        : String.format(Locale.ROOT, "%.2f%% (%d of %d)", 100 * a.topTierRate(), a.topTierConversions(), a.topTierLeads());
  }

  @Override
  public String toString() {
    return summary();
  }
}
