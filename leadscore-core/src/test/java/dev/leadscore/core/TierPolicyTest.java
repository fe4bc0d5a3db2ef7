package dev.leadscore.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class TierPolicyTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  /** Leads per tier, indexed by ordinal. */
  private static int[] counts(TierCutoffs cutoffs, double[] scores) {
    int[] counts = new int[Tier.values().length];
    for (double s : scores) {
      counts[cutoffs.tierOf(s).ordinal()]++;
    }
    return counts;
  }

  private static void assertMessage(String expectedPart, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
  }

  // ---------------------------------------------------------------- Fixed

  @Test
  void fixedReturnsItsCutoffsAndIgnoresData() {
    TierPolicy p = TierPolicy.fixed(80, 60, 30);
    assertEquals(TierCutoffs.of(80, 60, 30), p.fit(null, null));
    assertEquals(TierCutoffs.of(80, 60, 30), p.fit(new double[] {Double.NaN}, new boolean[0]));
    assertFalse(p.needsLabels());
    TierCutoffs c = TierCutoffs.of(90, 50, 10);
    assertSame(c, new TierPolicy.Fixed(c).fit(new double[] {1, 2}, null));
  }

  @Test
  void defaultsAreFixedAt80And60And30() {
    assertEquals(new TierPolicy.Fixed(TierCutoffs.of(80, 60, 30)), TierPolicy.defaults());
  }

  @Test
  void fixedValidatesItsCutoffs() {
    assertMessage("got hot=50.0, warm=60.0, nurture=20.0", () -> TierPolicy.fixed(50, 60, 20));
    assertThrows(NullPointerException.class, () -> new TierPolicy.Fixed(null));
  }

  // ---------------------------------------------------------------- TargetShares

  @Test
  void sharesSplitTenDistinctScoresOneTwoThreeFour() {
    double[] scores = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90};
    // Descending: 90 80 70 60 50 40 30 20 10 0. Cumulative shares .1 .3 .6 of 10 leads are
    // k = 1, 3, 6 (in doubles .1 + .2 is 0.30000000000000004, which must still mean 3 leads),
    // so the cut-offs are the 1st, 3rd and 6th highest scores: 90, 70, 40.
    TierCutoffs c = TierPolicy.shares(0.1, 0.2, 0.3).fit(scores, null);
    assertEquals(TierCutoffs.of(90, 70, 40), c);
    assertArrayEquals(new int[] {1, 2, 3, 4}, counts(c, scores));
  }

  @Test
  void sharesUseTheCeilingOfShareTimesN() {
    double[] scores = {10, 20, 30, 40, 50, 60, 70};
    // n = 7: ceil(.2 * 7) = ceil(1.4) = 2 -> 60; ceil(.5 * 7) = ceil(3.5) = 4 -> 40;
    // ceil(.9 * 7) = ceil(6.3) = 7 -> 10.
    TierCutoffs c = TierPolicy.shares(0.2, 0.3, 0.4).fit(scores, null);
    assertEquals(TierCutoffs.of(60, 40, 10), c);
    assertArrayEquals(new int[] {2, 2, 3, 0}, counts(c, scores));
  }

  @Test
  void tiesAtACutoffAllGoToTheMoreUrgentTier() {
    double[] scores = {90, 80, 80, 80, 50, 40, 30, 20, 10, 0};
    // k = 2, 3, 6. The 2nd and 3rd highest are both 80, so HOT takes all three 80s (4 leads for a
    // target of 2) and WARM, whose cut-off is also 80, is empty. The 6th highest is 40.
    TierCutoffs c = TierPolicy.shares(0.2, 0.1, 0.3).fit(scores, null);
    assertEquals(TierCutoffs.of(80, 80, 40), c);
    assertArrayEquals(new int[] {4, 0, 2, 4}, counts(c, scores));
  }

  @Test
  void zeroShareEmptiesTheTierOnAnyData() {
    double[] scores = {100, 100, 100, 50};
    TierCutoffs c = TierPolicy.shares(0, 0.5, 0).fit(scores, null);
    // No HOT even though the top scores are 100: the cut-off is +Infinity. k(warm) = 2 -> 100.
    // The NURTURE share of 0 repeats the WARM cut-off, so nobody is NURTURE either.
    assertEquals(TierCutoffs.of(INF, 100, 100), c);
    assertArrayEquals(new int[] {0, 3, 0, 1}, counts(c, scores));
    assertEquals(TierCutoffs.of(INF, INF, INF), TierPolicy.shares(0, 0, 0).fit(scores, null));
  }

  @Test
  void sharesSummingToOneLeaveNobodySuppressed() {
    double[] scores = {5, 15, 25, 35, 45, 55, 65, 75, 85, 95};
    // 0.6 + 0.3 + 0.1 is 0.9999999999999999 in doubles; it is accepted and still means all 10.
    TierCutoffs c = TierPolicy.shares(0.6, 0.3, 0.1).fit(scores, null);
    assertEquals(TierCutoffs.of(45, 15, 5), c);
    assertArrayEquals(new int[] {6, 3, 1, 0}, counts(c, scores));
    assertEquals(TierCutoffs.of(5, 5, 5), TierPolicy.shares(1, 0, 0).fit(scores, null));
  }

  @Test
  void sharesOnASingleLead() {
    assertEquals(
        TierCutoffs.of(42, 42, 42), TierPolicy.shares(0.01, 0, 0).fit(new double[] {42}, null));
  }

  @Test
  void sharesIgnoreLabelsAndNeverModifyTheInput() {
    double[] scores = {30, 10, 20};
    boolean[] labels = {true, false, true};
    TierPolicy p = TierPolicy.shares(0.34, 0.33, 0.33);
    assertFalse(p.needsLabels());
    assertEquals(p.fit(scores, null), p.fit(scores, labels));
    assertArrayEquals(new double[] {30, 10, 20}, scores);
    assertArrayEquals(new boolean[] {true, false, true}, labels);
  }

  @Test
  void sharesValidateTheirTargets() {
    assertMessage(
        "target share hot must be in [0, 1], got hot=-0.1",
        () -> TierPolicy.shares(-0.1, 0.2, 0.3));
    assertMessage("warm=1.5", () -> TierPolicy.shares(0, 1.5, 0));
    assertMessage("nurture=NaN", () -> TierPolicy.shares(0.1, 0.2, Double.NaN));
    assertMessage(
        "target shares must sum to at most 1, got hot=0.5, warm=0.4, nurture=0.3 (sum 1.2",
        () -> TierPolicy.shares(0.5, 0.4, 0.3));
  }

  @Test
  void sharesValidateTheData() {
    TierPolicy p = TierPolicy.shares(0.1, 0.2, 0.3);
    assertMessage("empty input", () -> p.fit(new double[0], null));
    assertMessage("score at index 2 is NaN", () -> p.fit(new double[] {1, 2, Double.NaN}, null));
    assertMessage(
        "score at index 1 must be in [0, 100], got 100.5",
        () -> p.fit(new double[] {1, 100.5}, null));
    assertMessage("got -3.0", () -> p.fit(new double[] {-3}, null));
    assertMessage("got Infinity", () -> p.fit(new double[] {INF}, null));
    assertMessage(
        "got 3 scores and 2 labels",
        () -> p.fit(new double[] {1, 2, 3}, new boolean[] {true, false}));
    assertThrows(NullPointerException.class, () -> p.fit(null, null));
  }

  /** Random shares as three sorted percentages u1 <= u2 <= u3, the cumulative targets. */
  private static int[] sortedPercents(int a, int b, int c) {
    int[] u = {a, b, c};
    Arrays.sort(u);
    return u;
  }

  private static TierPolicy sharesFromPercents(int[] u) {
    return TierPolicy.shares(u[0] / 100.0, (u[1] - u[0]) / 100.0, (u[2] - u[1]) / 100.0);
  }

  private static double[] toArray(List<? extends Number> list) {
    return list.stream().mapToDouble(Number::doubleValue).toArray();
  }

  private static int atLeast(double[] scores, double t) {
    return (int) Arrays.stream(scores).filter(s -> s >= t).count();
  }

  private static int above(double[] scores, double t) {
    return (int) Arrays.stream(scores).filter(s -> s > t).count();
  }

  /**
   * The exact statement: with k = ceil(u * n / 100) computed in integers, cut-off i is +Infinity
   * when k = 0; otherwise it is an observed score with at least k leads at or above it and fewer
   * than k strictly above it, i.e. the k-th highest score.
   */
  private static void assertCumulativeTargets(double[] scores, int[] percents, TierCutoffs c) {
    int n = scores.length;
    double[] cuts = {c.hot(), c.warm(), c.nurture()};
    for (int i = 0; i < 3; i++) {
      int k = (percents[i] * n + 99) / 100;
      if (k == 0) {
        assertEquals(INF, cuts[i], "tier " + i + " " + c);
        continue;
      }
      double cut = cuts[i];
      assertTrue(Arrays.stream(scores).anyMatch(s -> s == cut), "cut-off not observed " + c);
      assertTrue(atLeast(scores, cut) >= k, "cumulative count below target at tier " + i + " " + c);
      assertTrue(above(scores, cut) < k, "cut-off not the k-th highest at tier " + i + " " + c);
    }
  }

  /**
   * A score on the [0, 100] scale: any double, or a two-decimal or whole number so that scores
   * often tie; 0 and 100 are edge cases of each.
   */
  private static final Gen<Double> SCALE =
      Gen.anyOf(Gen.doubles(0, 100), Gen.decimals(0, 100, 2), Gen.decimals(0, 100, 0));

  /** Scores and three percentages in [0, 100], in any order, for {@link #sortedPercents}. */
  private record SharesCase(List<? extends Number> scores, int a, int b, int c) {}

  private static Gen<SharesCase> sharesCases(Gen<? extends List<? extends Number>> scoreLists) {
    Gen<Integer> percent = Gen.ints(0, 100);
    return r -> new SharesCase(scoreLists.next(r), percent.next(r), percent.next(r), percent.next(r));
  }

  /** Lists of {@code [min, max]} elements, the size drawn by {@link Gen#ints} so bounds come up. */
  private static <T> Gen<List<T>> sizedLists(Gen<T> element, int min, int max) {
    return Gen.ints(min, max).flatMap(n -> Gen.lists(element, n, n));
  }

  @Test
  void sharesReachTheCumulativeTargetAndNoMore() {
    PropertyCheck.forAll(
        sharesCases(sizedLists(SCALE, 1, 300)),
        k -> {
          double[] scores = toArray(k.scores());
          int[] u = sortedPercents(k.a(), k.b(), k.c());
          assertCumulativeTargets(scores, u, sharesFromPercents(u).fit(scores, null));
        });
  }

  @Test
  void sharesWithManyTiesStillNeverSplitATie() {
    PropertyCheck.forAll(
        sharesCases(sizedLists(Gen.ints(0, 4), 1, 100)),
        k -> {
          double[] scores = toArray(k.scores());
          int[] u = sortedPercents(k.a(), k.b(), k.c());
          assertCumulativeTargets(scores, u, sharesFromPercents(u).fit(scores, null));
        });
  }

  @Test
  void sharesOnDistinctScoresGiveExactlyCeilOfCumulativeShareTimesN() {
    PropertyCheck.forAll(
        sharesCases(Gen.distinctLists(SCALE, 1, 300)),
        k -> {
          double[] scores = toArray(k.scores());
          int n = scores.length;
          int[] u = sortedPercents(k.a(), k.b(), k.c());
          TierCutoffs cutoffs = sharesFromPercents(u).fit(scores, null);
          int[] perTier = counts(cutoffs, scores);
          int cumulative = 0;
          for (int i = 0; i < 3; i++) {
            cumulative += perTier[i];
            assertEquals((u[i] * n + 99) / 100, cumulative, "tier " + i + " " + cutoffs);
          }
        });
  }

  @Test
  void sharesDoNotDependOnInputOrder() {
    PropertyCheck.forAll(
        sizedLists(Gen.ints(0, 20), 1, 100),
        scoreList -> {
          double[] scores = toArray(scoreList);
          double[] reversed = new double[scores.length];
          for (int i = 0; i < scores.length; i++) {
            reversed[i] = scores[scores.length - 1 - i];
          }
          TierPolicy p = TierPolicy.shares(0.15, 0.25, 0.35);
          assertEquals(p.fit(scores, null), p.fit(reversed, null));
        });
  }

  // ---------------------------------------------------------------- TargetPrecision

  @Test
  void precisionOnAHandMadeSet() {
    double[] scores = {95, 90, 85, 80, 70, 65, 60, 50, 40, 30, 20, 10};
    boolean[] conv = {
      true, true, false, true, false, true, false, false, true, false, false, false
    };
    // HOT, target .75, rate of score >= t:
    //   95: 1/1  90: 2/2  85: 2/3  80: 3/4 = .75 ok  70: 3/5  65: 4/6  60: 4/7  50: 4/8
    //   40: 5/9  30: 5/10  20: 5/11  10: 5/12          lowest passing t = 80
    // WARM, target .5, rate of t <= score < 80:
    //   70: 0/1  65: 1/2 = .5 ok  60: 1/3  50: 1/4  40: 2/5  30: 2/6  20: 2/7  10: 2/8   -> 65
    // NURTURE, target .25, rate of t <= score < 65:
    //   60: 0/1  50: 0/2  40: 1/3 ok  30: 1/4 = .25 ok  20: 1/5  10: 1/6              -> 30
    TierPolicy p = TierPolicy.precision(0.75, 0.5, 0.25);
    assertTrue(p.needsLabels());
    TierCutoffs c = p.fit(scores, conv);
    assertEquals(TierCutoffs.of(80, 65, 30), c);
    assertArrayEquals(new int[] {4, 2, 4, 2}, counts(c, scores));
  }

  @Test
  void precisionKeepsTiedLeadsTogether() {
    double[] scores = {90, 90, 90, 50};
    boolean[] conv = {true, false, false, true};
    // t = 90: 1/3 < .5; t = 50: 2/4 = .5 -> all four are HOT; nothing is left for the others.
    TierCutoffs c = TierPolicy.precision(0.5, 0.5, 0.5).fit(scores, conv);
    assertEquals(TierCutoffs.of(50, 50, 50), c);
    assertArrayEquals(new int[] {4, 0, 0, 0}, counts(c, scores));
  }

  @Test
  void unreachableHotTargetEmptiesHotAndWarmIsMeasuredFromTheTop() {
    double[] scores = {90, 80, 70};
    boolean[] conv = {false, true, false};
    // HOT .9: 90: 0/1, 80: 1/2, 70: 1/3 -> none, +Infinity.
    // WARM .5 on score >= t: 90: 0/1, 80: 1/2 ok, 70: 1/3 -> 80.
    // NURTURE .25 on t <= score < 80: 70: 0/1 -> none, so it repeats the WARM cut-off.
    TierCutoffs c = TierPolicy.precision(0.9, 0.5, 0.25).fit(scores, conv);
    assertEquals(TierCutoffs.of(INF, 80, 80), c);
    assertArrayEquals(new int[] {0, 2, 0, 1}, counts(c, scores));
  }

  @Test
  void noConversionsMeansEveryoneIsSuppressed() {
    TierCutoffs c =
        TierPolicy.precision(0.5, 0.2, 0.01).fit(new double[] {99, 50, 1}, new boolean[3]);
    assertEquals(TierCutoffs.of(INF, INF, INF), c);
  }

  @Test
  void precisionNeverModifiesTheInput() {
    double[] scores = {30, 10, 20, 10};
    boolean[] labels = {true, false, true, true};
    TierPolicy.precision(0.6, 0.5, 0.1).fit(scores, labels);
    assertArrayEquals(new double[] {30, 10, 20, 10}, scores);
    assertArrayEquals(new boolean[] {true, false, true, true}, labels);
  }

  @Test
  void precisionValidatesItsTargets() {
    assertMessage(
        "precision target hot must be in (0, 1], got hot=0.0", () -> TierPolicy.precision(0, 0, 0));
    assertMessage("warm=1.1", () -> TierPolicy.precision(1, 1.1, 0.5));
    assertMessage("nurture=-0.2", () -> TierPolicy.precision(0.5, 0.3, -0.2));
    assertMessage("hot=NaN", () -> TierPolicy.precision(Double.NaN, 0.3, 0.2));
    assertMessage(
        "precision targets must satisfy hot >= warm >= nurture, got hot=0.3, warm=0.5, nurture=0.1",
        () -> TierPolicy.precision(0.3, 0.5, 0.1));
  }

  @Test
  void precisionValidatesTheData() {
    TierPolicy p = TierPolicy.precision(0.5, 0.3, 0.1);
    assertMessage("converted is null", () -> p.fit(new double[] {1, 2}, null));
    assertMessage("got 2 scores and 3 labels", () -> p.fit(new double[] {1, 2}, new boolean[3]));
    assertMessage("empty input", () -> p.fit(new double[0], new boolean[0]));
    assertMessage(
        "score at index 1 is NaN", () -> p.fit(new double[] {1, Double.NaN}, new boolean[2]));
    assertMessage(
        "score at index 0 must be in [0, 100], got 120.0",
        () -> p.fit(new double[] {120}, new boolean[1]));
  }

  /** A lead's out-of-fold score and whether it converted. */
  record Labelled(double score, boolean converted) {}

  private static Gen<List<Labelled>> labelledLeads() {
    // Whole-number scores force ties; conversion is likelier at higher scores, as with a model.
    Gen<Double> scores =
        Gen.anyOf(
            Gen.ints(0, 100).map(i -> (double) i),
            Gen.anyOf(Gen.decimals(0, 100, 3), Gen.doubles(0, 100)));
    Gen<Labelled> lead = scores.flatMap(s -> SCALE.map(u -> new Labelled(s, u < s)));
    return sizedLists(lead, 1, 200);
  }

  private static double rate(double[] scores, boolean[] conv, double lo, double hi) {
    int count = 0;
    int converted = 0;
    for (int i = 0; i < scores.length; i++) {
      if (scores[i] >= lo && scores[i] < hi) {
        count++;
        converted += conv[i] ? 1 : 0;
      }
    }
    return (double) converted / count; // NaN for an empty band, which never passes a target
  }

  /** Leads and three precision targets in [0.01, 1], in any order. */
  private record PrecisionCase(List<Labelled> leads, double t1, double t2, double t3) {}

  @Test
  void everyNonEmptyActiveTierReachesItsTargetAndIsAsLargeAsPossible() {
    // Any double in [0.01, 1], or a two-decimal one so that targets tie and hit exact rates.
    Gen<Double> targetGen = Gen.anyOf(Gen.doubles(0.01, 1), Gen.decimals(0.01, 1, 2));
    Gen<List<Labelled>> leadGen = labelledLeads();
    Gen<PrecisionCase> cases =
        r ->
            new PrecisionCase(
                leadGen.next(r), targetGen.next(r), targetGen.next(r), targetGen.next(r));
    PropertyCheck.forAll(
        cases,
        k -> {
          List<Labelled> leads = k.leads();
          double[] scores = leads.stream().mapToDouble(Labelled::score).toArray();
          boolean[] conv = new boolean[leads.size()];
          for (int i = 0; i < conv.length; i++) {
            conv[i] = leads.get(i).converted();
          }
          double[] targets = {k.t1(), k.t2(), k.t3()};
          Arrays.sort(targets);
          TierCutoffs c =
              TierPolicy.precision(targets[2], targets[1], targets[0]).fit(scores, conv);

          double[] bandTop = {INF, c.hot(), c.warm()};
          double[] bandBottom = {c.hot(), c.warm(), c.nurture()};
          double[] target = {targets[2], targets[1], targets[0]};
          for (int tier = 0; tier < 3; tier++) {
            double top = bandTop[tier];
            double bottom = bandBottom[tier];
            boolean empty = Arrays.stream(scores).noneMatch(s -> s >= bottom && s < top);
            if (!empty) {
              assertTrue(
                  rate(scores, conv, bottom, top) >= target[tier],
                  "tier " + tier + " misses its target: " + c);
              assertTrue(Arrays.stream(scores).anyMatch(s -> s == bottom), "cut-off not observed " + c);
            } else {
              assertEquals(top, bottom, "an empty tier repeats the cut-off above it: " + c);
            }
            // "Lowest threshold": extending the band down to any lower observed score misses the
            // target.
            for (double s : scores) {
              if (s < bottom) {
                assertFalse(
                    rate(scores, conv, s, top) >= target[tier],
                    "tier " + tier + " could extend down to " + s + ": " + c);
              }
            }
          }
        });
  }
}
