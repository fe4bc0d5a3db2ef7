package dev.leadscore.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class TierCutoffsTest {

  private static final double INF = Double.POSITIVE_INFINITY;

  @Test
  void scoresOnACutoffGoToTheMoreUrgentTier() {
    TierCutoffs c = TierCutoffs.of(80, 60, 30);
    assertEquals(Tier.HOT, c.tierOf(100));
    assertEquals(Tier.HOT, c.tierOf(80));
    assertEquals(Tier.WARM, c.tierOf(Math.nextDown(80.0)));
    assertEquals(Tier.WARM, c.tierOf(60));
    assertEquals(Tier.NURTURE, c.tierOf(59.99));
    assertEquals(Tier.NURTURE, c.tierOf(30));
    assertEquals(Tier.SUPPRESS, c.tierOf(29.99));
    assertEquals(Tier.SUPPRESS, c.tierOf(0));
  }

  @Test
  void accessors() {
    TierCutoffs c = TierCutoffs.of(80, 60, 30);
    assertEquals(80.0, c.hot());
    assertEquals(60.0, c.warm());
    assertEquals(30.0, c.nurture());
  }

  @Test
  void equalCutoffsEmptyTheBandBetweenThem() {
    TierCutoffs noWarm = TierCutoffs.of(70, 70, 20);
    assertEquals(Tier.HOT, noWarm.tierOf(70));
    assertEquals(Tier.NURTURE, noWarm.tierOf(69.9));

    TierCutoffs allActive = TierCutoffs.of(50, 50, 0);
    assertEquals(Tier.NURTURE, allActive.tierOf(0));
  }

  @Test
  void infiniteHotCutoffMeansNobodyIsHotEvenAtOneHundred() {
    TierCutoffs c = TierCutoffs.of(INF, 90, 10);
    assertEquals(Tier.WARM, c.tierOf(100));
    assertEquals(TierCutoffs.EMPTY_TIER, c.hot());

    TierCutoffs everyoneSuppressed = TierCutoffs.of(INF, INF, INF);
    assertEquals(Tier.SUPPRESS, everyoneSuppressed.tierOf(100));
  }

  @Test
  void negativeZeroIsStoredAsZero() {
    TierCutoffs c = TierCutoffs.of(0, 0, -0.0);
    assertEquals(TierCutoffs.of(0, 0, 0), c);
    assertEquals(TierCutoffs.of(0, 0, 0).hashCode(), c.hashCode());
    assertEquals(Tier.HOT, c.tierOf(-0.0));
  }

  @Test
  void valueSemantics() {
    assertEquals(TierCutoffs.of(80, 60, 30), new TierCutoffs(80, 60, 30));
    assertEquals(TierCutoffs.of(80, 60, 30).hashCode(), new TierCutoffs(80, 60, 30).hashCode());
    assertNotEquals(TierCutoffs.of(80, 60, 30), TierCutoffs.of(80, 60, 31));
    assertEquals(
        "TierCutoffs[hot=80.0, warm=60.0, nurture=30.0]", TierCutoffs.of(80, 60, 30).toString());
  }

  @Test
  void rejectsOutOfOrderCutoffsNamingAllThree() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TierCutoffs.of(50, 60, 20));
    assertEquals(
        "cut-offs must satisfy hot >= warm >= nurture, got hot=50.0, warm=60.0, nurture=20.0",
        e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> TierCutoffs.of(80, 60, 70));
    assertTrue(e.getMessage().contains("nurture=70.0"), e.getMessage());

    e = assertThrows(IllegalArgumentException.class, () -> TierCutoffs.of(80, INF, 30));
    assertTrue(e.getMessage().contains("warm=Infinity"), e.getMessage());
  }

  @Test
  void rejectsCutoffsOutsideTheScoreScale() {
    assertRangeError("hot=100.5", () -> TierCutoffs.of(100.5, 60, 30));
    assertRangeError("warm=-1.0", () -> TierCutoffs.of(80, -1, -2));
    assertRangeError("nurture=-0.001", () -> TierCutoffs.of(80, 60, -0.001));
    assertRangeError("hot=NaN", () -> TierCutoffs.of(Double.NaN, 60, 30));
    assertRangeError("warm=NaN", () -> TierCutoffs.of(80, Double.NaN, 30));
    assertRangeError("nurture=-Infinity", () -> TierCutoffs.of(80, 60, Double.NEGATIVE_INFINITY));
  }

  private static void assertRangeError(String offending, Runnable r) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, r::run);
    assertTrue(e.getMessage().contains("must be in [0, 100] or +Infinity"), e.getMessage());
    assertTrue(e.getMessage().contains(offending), e.getMessage());
  }

  @Test
  void rejectsScoresThatAreNotOnTheScale() {
    TierCutoffs c = TierCutoffs.of(80, 60, 30);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> c.tierOf(Double.NaN));
    assertTrue(e.getMessage().contains("NaN"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.tierOf(100.5));
    assertTrue(e.getMessage().contains("100.5"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.tierOf(-1));
    assertTrue(e.getMessage().contains("-1.0"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> c.tierOf(INF));
    assertTrue(e.getMessage().contains("Infinity"), e.getMessage());
  }

  /**
   * A score or cut-off on the [0, 100] scale: any double, or a two-decimal or whole number so that
   * scores and cut-offs often tie; 0 and 100 are edge cases of each.
   */
  private static final Gen<Double> SCALE =
      Gen.anyOf(Gen.doubles(0, 100), Gen.decimals(0, 100, 2), Gen.decimals(0, 100, 0));

  /** Three cut-offs in any order, whether HOT is empty, and two scores. */
  private record MonotoneCase(double a, double b, double c, boolean emptyHot, double s1, double s2) {}

  @Test
  void tierOfIsMonotone() {
    Gen<Boolean> flags = Gen.booleans();
    Gen<MonotoneCase> cases =
        r ->
            new MonotoneCase(
                SCALE.next(r), SCALE.next(r), SCALE.next(r), flags.next(r), SCALE.next(r),
                SCALE.next(r));
    PropertyCheck.forAll(
        cases,
        k -> {
          double[] cuts = {k.a(), k.b(), k.c()};
          Arrays.sort(cuts);
          TierCutoffs cutoffs = TierCutoffs.of(k.emptyHot() ? INF : cuts[2], cuts[1], cuts[0]);
          double lo = Math.min(k.s1(), k.s2());
          double hi = Math.max(k.s1(), k.s2());
          Tier higher = cutoffs.tierOf(hi);
          Tier lower = cutoffs.tierOf(lo);
          assertTrue(
              higher.compareTo(lower) <= 0,
              cutoffs + ": " + hi + " is " + higher + ", " + lo + " is " + lower);
        });
  }

  /** Three cut-offs in any order and a score. */
  private record BandCase(double a, double b, double c, double score) {}

  @Test
  void tierOfMatchesTheHalfOpenBands() {
    Gen<BandCase> cases =
        r -> new BandCase(SCALE.next(r), SCALE.next(r), SCALE.next(r), SCALE.next(r));
    PropertyCheck.forAll(
        cases,
        k -> {
          double[] cuts = {k.a(), k.b(), k.c()};
          Arrays.sort(cuts);
          TierCutoffs cutoffs = TierCutoffs.of(cuts[2], cuts[1], cuts[0]);
          double score = k.score();
          Tier expected =
              score >= cuts[2]
                  ? Tier.HOT
                  : score >= cuts[1] ? Tier.WARM : score >= cuts[0] ? Tier.NURTURE : Tier.SUPPRESS;
          assertEquals(expected, cutoffs.tierOf(score));
        });
  }
}
