package dev.leadscore.core;

import java.util.Arrays;
import java.util.Objects;

/**
 * How the {@link TierCutoffs} are chosen: fixed score cut-offs ({@link Fixed}), a target share of
 * the pipeline per tier ({@link TargetShares}), or a target conversion rate per tier ({@link
 * TargetPrecision}). The fitted policies are meant to be fitted on out-of-fold predictions, so
 * that the cut-offs reflect how the model scores leads it has not seen.
 *
 * <p>Scores are on the 0–100 scale. {@link #fit} never modifies its arguments and is
 * deterministic: the same data gives the same cut-offs whatever the order of the leads.
 *
 * <p>All implementations are immutable records, safe to share between threads.
 */
public sealed interface TierPolicy {

  /**
   * Chooses cut-offs for the given leads.
   *
   * @param scores one score per lead, each in [0, 100]; not modified
   * @param converted whether each lead converted, same length as {@code scores}; not modified.
   *     Required only when {@link #needsLabels()}; otherwise it may be null, but a policy that
   *     reads the scores still checks its length if given, since a mismatch is a caller bug
   * @return the cut-offs
   * @throws IllegalArgumentException if a policy that uses the data gets empty input, a NaN
   *     score or a score outside [0, 100] (the message gives the index), labels of another
   *     length, or no labels when it needs them
   */
  TierCutoffs fit(double[] scores, boolean[] converted);

  /** {@return whether {@link #fit} needs conversion labels} */
  boolean needsLabels();

  /**
   * Fixed cut-offs {@code hot >= warm >= nurture}, see {@link TierCutoffs}.
   *
   * @param hot lowest HOT score, 0–100, or {@link TierCutoffs#EMPTY_TIER} for no HOT tier
   * @param warm lowest WARM score, 0–100
   * @param nurture lowest NURTURE score, 0–100
   * @return the policy
   */
  static TierPolicy fixed(double hot, double warm, double nurture) {
    return new Fixed(TierCutoffs.of(hot, warm, nurture));
  }

  /**
   * Target shares of the pipeline per tier, see {@link TargetShares}.
   *
   * @param hot target share of HOT leads, in [0, 1]
   * @param warm target share of WARM leads, in [0, 1]
   * @param nurture target share of NURTURE leads, in [0, 1]
   * @return the policy
   */
  static TierPolicy shares(double hot, double warm, double nurture) {
    return new TargetShares(hot, warm, nurture);
  }

  /**
   * Target conversion rate per tier, see {@link TargetPrecision}.
   *
   * @param hot target conversion rate of HOT leads, probability in (0, 1]
   * @param warm target conversion rate of WARM leads, in (0, 1]
   * @param nurture target conversion rate of NURTURE leads, in (0, 1]
   * @return the policy
   */
  static TierPolicy precision(double hot, double warm, double nurture) {
    return new TargetPrecision(hot, warm, nurture);
  }

  /**
   * The default policy, for a team with no history to fit on: fixed cut-offs HOT {@code >= 80},
   * WARM {@code >= 60}, NURTURE {@code >= 30}, SUPPRESS below 30.
   *
   * @return fixed cut-offs 80, 60 and 30
   */
  static TierPolicy defaults() {
    return fixed(80, 60, 30);
  }

  /**
   * Cut-offs given up front; {@link #fit} ignores its arguments (they may be null) and returns
   * them unchanged.
   *
   * @param cutoffs the cut-offs to use
   */
  record Fixed(TierCutoffs cutoffs) implements TierPolicy {
    /**
     * @param cutoffs the cut-offs to use
     * @throws NullPointerException if {@code cutoffs} is null
     */
    public Fixed {
      Objects.requireNonNull(cutoffs, "cutoffs");
    }

    @Override
    public TierCutoffs fit(double[] scores, boolean[] converted) {
      return cutoffs;
    }

    @Override
    public boolean needsLabels() {
      return false;
    }
  }

  /**
   * Target fraction of the pipeline in each tier, fitted from scores alone; the remainder, {@code
   * 1 - hot - warm - nurture}, is SUPPRESS.
   *
   * <p><b>Definition.</b> Let {@code s(1) >= s(2) >= ... >= s(n)} be the scores sorted
   * descending, and let the cumulative shares be {@code c1 = hot}, {@code c2 = hot + warm}, {@code
   * c3 = hot + warm + nurture}. For each {@code ci} let {@code ki = ceil(ci * n)} (at most {@code
   * n}). The cut-off is the score of the {@code ki}-th highest lead, {@code s(ki)}, or {@link
   * TierCutoffs#EMPTY_TIER} when {@code ki = 0}, i.e. when the cumulative share is 0. Consequently:
   *
   * <ul>
   *   <li>at least {@code ki} leads score at or above cut-off {@code i} and fewer than {@code ki}
   *       score strictly above it; with no tie at the cut-off exactly {@code ki} do;
   *   <li>ties at a cut-off all go to the more urgent tier, so ties can make a tier larger than
   *       its target and the tier below it smaller (possibly empty); the policy never splits
   *       leads with equal scores;
   *   <li>a share of 0 gives an empty tier on any data, not only on the fitting data: a HOT share
   *       of 0 gives a HOT cut-off of {@code +Infinity}, and a WARM or NURTURE share of 0 gives a
   *       cut-off equal to the one above it.
   * </ul>
   *
   * <p>The ceiling forgives a relative floating-point excess of 1e-12 in {@code ci * n}, so that
   * {@code (0.1 + 0.2) * 10}, which is {@code 3.0000000000000004} in doubles, counts as 3 leads
   * rather than 4. For the same reason the shares may sum to 1 plus up to 1e-9.
   *
   * <p>Cost: O(n log n) time for the sort, O(n) extra memory.
   *
   * @param hot target share of HOT leads, in [0, 1]
   * @param warm target share of WARM leads, in [0, 1]
   * @param nurture target share of NURTURE leads, in [0, 1]
   */
  record TargetShares(double hot, double warm, double nurture) implements TierPolicy {
    private static final double SUM_TOLERANCE = 1e-9;
    private static final double CEIL_RELATIVE_TOLERANCE = 1e-12;

    /**
     * @param hot target share of HOT leads, in [0, 1]
     * @param warm target share of WARM leads, in [0, 1]
     * @param nurture target share of NURTURE leads, in [0, 1]
     * @throws IllegalArgumentException if a share is not in [0, 1] or the shares sum to more than
     *     1; the message names the rule and the offending values
     */
    public TargetShares {
      checkShare("hot", hot);
      checkShare("warm", warm);
      checkShare("nurture", nurture);
      double sum = hot + warm + nurture;
      if (sum > 1.0 + SUM_TOLERANCE) {
        throw new IllegalArgumentException(
            "target shares must sum to at most 1, got hot="
                + hot
                + ", warm="
                + warm
                + ", nurture="
                + nurture
                + " (sum "
                + sum
                + ")");
      }
    }

    @Override
    public TierCutoffs fit(double[] scores, boolean[] converted) {
      double[] sorted = checkedCopy(scores, converted, false);
      Arrays.sort(sorted);
      double hotCut = cutoff(sorted, hot);
      double warmCut = cutoff(sorted, hot + warm);
      double nurtureCut = cutoff(sorted, hot + warm + nurture);
      return TierCutoffs.of(hotCut, warmCut, nurtureCut);
    }

    /** The score of the ceil(share * n)-th highest lead in an ascending array. */
    private static double cutoff(double[] ascending, double cumulativeShare) {
      int n = ascending.length;
      if (cumulativeShare <= 0.0) {
        return TierCutoffs.EMPTY_TIER;
      }
      double exact = cumulativeShare * n * (1.0 - CEIL_RELATIVE_TOLERANCE);
      int k = (int) Math.min(n, Math.max(1.0, Math.ceil(exact)));
      return ascending[n - k];
    }

    @Override
    public boolean needsLabels() {
      return false;
    }

    private static void checkShare(String name, double value) {
      if (!(value >= 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException(
            "target share " + name + " must be in [0, 1], got " + name + "=" + value);
      }
    }
  }

  /**
   * Target conversion rate (precision) per tier, fitted from scores and conversion labels. The
   * targets are non-increasing, {@code hot >= warm >= nurture}, each in (0, 1].
   *
   * <p><b>Definition.</b> Candidate thresholds are the distinct observed scores; the conversion
   * rate of a set of leads is converted leads divided by leads.
   *
   * <ol>
   *   <li>The HOT cut-off is the lowest candidate {@code t} such that the conversion rate among
   *       leads with {@code score >= t} is at least {@code hot}. If none qualifies, HOT is empty
   *       and the cut-off is {@link TierCutoffs#EMPTY_TIER}.
   *   <li>The WARM cut-off is the lowest candidate {@code t} below the HOT cut-off such that the
   *       conversion rate in the WARM band itself, {@code t <= score < hotCutoff}, is at least
   *       {@code warm}. If none qualifies, WARM is empty and its cut-off equals the HOT cut-off.
   *   <li>NURTURE is chosen the same way on the band {@code t <= score < warmCutoff}, against
   *       {@code nurture}; leads below the NURTURE cut-off are SUPPRESS.
   * </ol>
   *
   * <p>The conversion rate need not fall monotonically as {@code t} is lowered, so "lowest" means
   * every candidate is tried: each tier is made as large as it can be while its own band still
   * reaches its target, on the data it was fitted on. Leads with equal scores are never split
   * between tiers. Rates are compared as {@code (double) converted / count >= target}, which is
   * exact when the ratio equals the target's decimal value (3/4 reaches 0.75).
   *
   * <p>Cost: O(n log n) time for the sorts, O(n) extra memory.
   *
   * @param hot target conversion rate of HOT leads, in (0, 1]
   * @param warm target conversion rate of WARM leads, in (0, 1], at most {@code hot}
   * @param nurture target conversion rate of NURTURE leads, in (0, 1], at most {@code warm}
   */
  record TargetPrecision(double hot, double warm, double nurture) implements TierPolicy {
    /**
     * @param hot target conversion rate of HOT leads, in (0, 1]
     * @param warm target conversion rate of WARM leads, in (0, 1], at most {@code hot}
     * @param nurture target conversion rate of NURTURE leads, in (0, 1], at most {@code warm}
     * @throws IllegalArgumentException if a target is not in (0, 1] or {@code hot >= warm >=
     *     nurture} does not hold; the message names the rule and the offending values
     */
    public TargetPrecision {
      checkTarget("hot", hot);
      checkTarget("warm", warm);
      checkTarget("nurture", nurture);
      if (!(hot >= warm && warm >= nurture)) {
        throw new IllegalArgumentException(
            "precision targets must satisfy hot >= warm >= nurture, got hot="
                + hot
                + ", warm="
                + warm
                + ", nurture="
                + nurture);
      }
    }

    @Override
    public TierCutoffs fit(double[] scores, boolean[] converted) {
      double[] all = checkedCopy(scores, converted, true);
      int n = all.length;
      int positives = 0;
      for (boolean c : converted) {
        if (c) {
          positives++;
        }
      }
      double[] pos = new double[positives];
      for (int i = 0, j = 0; i < n; i++) {
        if (converted[i]) {
          pos[j++] = all[i];
        }
      }
      // Sorting the converted leads' scores separately and merging avoids sorting boxed pairs.
      Arrays.sort(all);
      Arrays.sort(pos);

      // Distinct scores, descending, with cumulative lead and conversion counts through each.
      double[] value = new double[n];
      int[] cumCount = new int[n];
      int[] cumPos = new int[n];
      int groups = 0;
      int i = n - 1;
      int j = positives - 1;
      while (i >= 0) {
        double v = all[i];
        int count = 0;
        while (i >= 0 && all[i] == v) {
          count++;
          i--;
        }
        int converts = 0;
        while (j >= 0 && pos[j] == v) {
          converts++;
          j--;
        }
        value[groups] = v;
        cumCount[groups] = (groups == 0 ? 0 : cumCount[groups - 1]) + count;
        cumPos[groups] = (groups == 0 ? 0 : cumPos[groups - 1]) + converts;
        groups++;
      }

      double[] targets = {hot, warm, nurture};
      double[] cuts = new double[3];
      double above = TierCutoffs.EMPTY_TIER;
      int lastGroup = -1; // last group already assigned to a more urgent tier
      for (int t = 0; t < 3; t++) {
        int baseCount = lastGroup < 0 ? 0 : cumCount[lastGroup];
        int basePos = lastGroup < 0 ? 0 : cumPos[lastGroup];
        int best = -1;
        for (int g = lastGroup + 1; g < groups; g++) {
          double rate = (double) (cumPos[g] - basePos) / (cumCount[g] - baseCount);
          if (rate >= targets[t]) {
            best = g;
          }
        }
        if (best >= 0) {
          above = value[best];
          lastGroup = best;
        }
        cuts[t] = above;
      }
      return TierCutoffs.of(cuts[0], cuts[1], cuts[2]);
    }

    @Override
    public boolean needsLabels() {
      return true;
    }

    private static void checkTarget(String name, double value) {
      if (!(value > 0.0 && value <= 1.0)) {
        throw new IllegalArgumentException(
            "precision target " + name + " must be in (0, 1], got " + name + "=" + value);
      }
    }
  }

  /**
   * Validates fitting input and returns a copy of the scores with -0.0 turned into 0.0, so that
   * sorting and grouping treat them as the equal scores {@link TierCutoffs#tierOf} sees.
   */
  private static double[] checkedCopy(double[] scores, boolean[] converted, boolean needLabels) {
    Objects.requireNonNull(scores, "scores");
    if (converted == null && needLabels) {
      throw new IllegalArgumentException(
          "this tier policy fits on conversion labels, but converted is null");
    }
    if (converted != null && converted.length != scores.length) {
      throw new IllegalArgumentException(
          "scores and conversion labels must have the same length, got "
              + scores.length
              + " scores and "
              + converted.length
              + " labels");
    }
    if (scores.length == 0) {
      throw new IllegalArgumentException("cannot fit tier cut-offs on empty input (0 scores)");
    }
    double[] copy = new double[scores.length];
    for (int i = 0; i < scores.length; i++) {
      double s = scores[i];
      if (Double.isNaN(s)) {
        throw new IllegalArgumentException("score at index " + i + " is NaN");
      }
      if (!(s >= 0.0 && s <= 100.0)) {
        throw new IllegalArgumentException(
            "score at index " + i + " must be in [0, 100], got " + s);
      }
      copy[i] = s + 0.0;
    }
    return copy;
  }
}
