package dev.leadscore.core.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Tier;
import dev.leadscore.core.internal.Normal;
import dev.leadscore.core.ops.ExperimentResult.ArmStats;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The two-proportion z-test and the Wald interval against values computed by hand (40-digit
 * mpmath from the formulas, p-values cross-checked with scipy's uncorrected chi-squared test of the
 * 2×2 table), the edge cases, and evaluation from outcomes.
 */
class ExperimentResultTest {
  private static final Set<Tier> TOP = Experiment.DEFAULT_TOP_TIERS;

  private static ExperimentResult compare(int x1, int n1, int x2, int n2, double level) {
    return ExperimentResult.of("t", new ArmStats(Arm.CHAMPION, 2L * n1, 2L * x1, n1, x1),
        new ArmStats(Arm.CHALLENGER, 2L * n2, 2L * x2, n2, x2), TOP, level);
  }

  private static void close(double expected, double actual, String what) {
    assertEquals(expected, actual, 1e-13 * Math.max(1, Math.abs(expected)), what);
  }

  @Test
  void oneHundredTwentyOfOneThousandAgainstNinetyOfOneThousand() {
    // p1 = 0.12, p2 = 0.09, d = -0.03; pooled 0.105, SE0 = sqrt(0.105 * 0.895 * 0.002) = 0.0137094857...
    // z = -0.03 / SE0 = -2.18826588...; p = 2(1 - Φ(2.188...)) = 0.0286502403...
    // SE = sqrt(0.12*0.88/1000 + 0.09*0.91/1000) = 0.0136930639...; 95 %: d ± 1.959963984540054 SE
    ExperimentResult r = compare(120, 1000, 90, 1000, 0.95);
    close(-0.03, r.difference(), "difference");
    close(0.013709485767161364, r.pooledStandardError(), "pooled SE");
    close(-2.1882658846227236, r.z(), "z");
    close(0.028650240398448451, r.pValue(), "p");
    close(0.013693063937629153, r.standardError(), "SE");
    close(-0.056837912155757354, r.lower(), "lower");
    close(-0.0031620878442426461, r.upper(), "upper");
    assertTrue(r.significant());
    assertEquals(List.of(), r.warnings());
    assertEquals(0.12, r.champion().topTierRate());
    assertEquals(0.09, r.challenger().topTierRate());

    // At 99 % the interval includes 0 and the test does not reject.
    ExperimentResult r99 = compare(120, 1000, 90, 1000, 0.99);
    close(-0.065270995345913865, r99.lower(), "lower 99");
    close(0.0052709953459138652, r99.upper(), "upper 99");
    close(0.028650240398448451, r99.pValue(), "p is independent of the level");
    assertFalse(r99.significant());
  }

  @Test
  void moreHandComputedExamples() {
    ExperimentResult a = compare(45, 300, 60, 280, 0.95);
    close(0.064285714285714286, a.difference(), "d");
    close(2.0092161448308056, a.z(), "z");
    close(0.04451421626044882, a.pValue(), "p");
    close(0.0014961044287418194, a.lower(), "lower");
    close(0.12707532414268675, a.upper(), "upper");

    ExperimentResult b = compare(30, 400, 31, 410, 0.95);
    close(0.032878709201486538, b.z(), "z");
    close(0.97377131121116345, b.pValue(), "p");
    close(-0.035737301127165578, b.lower(), "lower");
    close(0.036956813322287529, b.upper(), "upper");
    assertFalse(b.significant());

    ExperimentResult c = compare(8, 50, 2, 60, 0.95);
    close(-2.3010142691140937, c.z(), "z");
    close(0.021390824546928337, c.pValue(), "p");
    close(-0.2379718640879514, c.lower(), "lower");
    close(-0.015361469245381933, c.upper(), "upper");
    assertEquals(1, c.warnings().size(), c.warnings().toString());
    assertTrue(c.warnings().get(0).startsWith("the challenger arm's top tiers have 2 conversions and 58 non-conversions"));
  }

  @Test
  void swappingTheArmsFlipsTheSignOnly() {
    ExperimentResult r = compare(120, 1000, 90, 1000, 0.95);
    ExperimentResult s = compare(90, 1000, 120, 1000, 0.95);
    assertEquals(-r.z(), s.z());
    assertEquals(r.pValue(), s.pValue());
    assertEquals(-r.upper(), s.lower(), 1e-15);
  }

  @Test
  void anArmWithoutTopTierLeadsGivesNaNAndSaysWhich() {
    ExperimentResult r = ExperimentResult.of("q3", new ArmStats(Arm.CHAMPION, 500, 40, 0, 0),
        new ArmStats(Arm.CHALLENGER, 480, 50, 100, 30), TOP, 0.95);
    assertTrue(Double.isNaN(r.difference()) && Double.isNaN(r.z()) && Double.isNaN(r.pValue()));
    assertTrue(Double.isNaN(r.lower()) && Double.isNaN(r.upper()) && Double.isNaN(r.standardError()));
    assertTrue(Double.isNaN(r.champion().topTierRate()));
    assertFalse(r.significant());
    assertEquals(List.of("the champion arm has no leads in tiers Hot+Warm (of 500 leads), so the arms cannot be "
        + "compared: difference, z, p-value and interval are NaN"), r.warnings());
    assertTrue(r.summary().contains("champion n/a (0 leads)"), r.summary());

    ExperimentResult empty = ExperimentResult.of("q3", new ArmStats(Arm.CHAMPION, 0, 0, 0, 0),
        new ArmStats(Arm.CHALLENGER, 0, 0, 0, 0), TOP, 0.95);
    assertEquals(2, empty.warnings().size());
    assertTrue(Double.isNaN(empty.champion().conversionRate()) && Double.isNaN(empty.champion().topTierShare()));
  }

  @Test
  void equalExtremeRatesGiveZeroZAndPOne() {
    for (int x : new int[] {0, 1}) {
      ExperimentResult r = compare(x * 100, 100, x * 50, 50, 0.95);
      assertEquals(0.0, r.z());
      assertEquals(1.0, r.pValue());
      assertEquals(0.0, r.lower());
      assertEquals(0.0, r.upper());
      assertFalse(r.significant());
      assertTrue(r.warnings().get(0).contains("top-tier lead converted in either arm, so the rates are equal"),
          r.warnings().toString());
    }
  }

  @Test
  void intervalIsClippedToPlusMinusOne() {
    ExperimentResult r = compare(0, 3, 3, 3, 0.95); // d = 1 with SE 0: the interval is [1, 1]
    assertEquals(1.0, r.difference());
    assertEquals(1.0, r.upper());
    assertEquals(1.0, r.lower());
    ExperimentResult wide = compare(1, 2, 2, 2, 0.999);
    assertTrue(wide.upper() <= 1.0 && wide.lower() >= -1.0);
  }

  @Test
  void countsAndLevelsAreValidated() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> new ArmStats(Arm.CHAMPION, 10, 11, 5, 5))
        .getMessage().startsWith("CHAMPION arm: counts must be non-negative"));
    assertThrows(IllegalArgumentException.class, () -> new ArmStats(Arm.CHAMPION, 10, 5, 11, 5));
    assertThrows(IllegalArgumentException.class, () -> new ArmStats(Arm.CHAMPION, 10, 2, 5, 3));
    assertThrows(IllegalArgumentException.class, () -> new ArmStats(Arm.CHAMPION, -1, 0, 0, 0));
    ArmStats c = new ArmStats(Arm.CHAMPION, 10, 2, 5, 1);
    ArmStats d = new ArmStats(Arm.CHALLENGER, 10, 2, 5, 1);
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExperimentResult.of("x", d, c, TOP, 0.95))
        .getMessage().contains("expected the CHAMPION's and then the CHALLENGER's counts, got CHALLENGER and CHAMPION"));
    for (double bad : new double[] {0, 1, -0.5, Double.NaN, 95}) {
      assertTrue(assertThrows(IllegalArgumentException.class, () -> ExperimentResult.of("x", c, d, TOP, bad))
          .getMessage().startsWith("confidence level must be in (0, 1)"), "level " + bad);
    }
    assertThrows(IllegalArgumentException.class, () -> ExperimentResult.of("x", c, d, Set.of(), 0.95));
    Set<Tier> withNull = new java.util.HashSet<>(java.util.Arrays.asList(Tier.HOT, null));
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ExperimentResult.of("x", c, d, withNull, 0.95))
        .getMessage().startsWith("topTiers must name at least one tier and no null"));
    assertEquals(0.5, c.topTierCapture());
    assertEquals(0.2, c.conversionRate());
    assertEquals(0.5, c.topTierShare());
  }

  @Test
  void summaryStatesRatesDifferenceAndInterval() {
    String s = compare(120, 1000, 90, 1000, 0.95).summary();
    assertEquals("Experiment 't', Hot+Warm leads: challenger 9.00% (90 of 1000) vs champion 12.00% (120 of 1000); "
        + "difference -3.00 points, 95% CI [-5.68, -0.32], z = -2.188, p = 0.02865 (significant).", s);
  }

  @Test
  void statisticsAreConsistentOnRandomCounts() {
    Gen<int[]> counts = r -> {
      int n1 = 1 + r.nextInt(2000);
      int n2 = 1 + r.nextInt(2000);
      return new int[] {r.nextInt(n1 + 1), n1, r.nextInt(n2 + 1), n2};
    };
    PropertyCheck.forAll(counts, c -> {
      ExperimentResult r90 = compare(c[0], c[1], c[2], c[3], 0.90);
      ExperimentResult r99 = compare(c[0], c[1], c[2], c[3], 0.99);
      assertTrue(r90.pValue() >= 0 && r90.pValue() <= 1, "p in [0, 1]");
      assertTrue(r90.lower() <= r90.difference() && r90.difference() <= r90.upper(), "interval holds the estimate");
      assertTrue(r99.lower() <= r90.lower() && r90.upper() <= r99.upper(), "a higher level is wider");
      // |z| and the p-value move in opposite directions: p = 2Q(|z|), Q decreasing.
      double p = 2 * Normal.upperTail(Math.abs(r90.z()));
      assertEquals(Math.min(1, p), r90.pValue(), 1e-15);
      ExperimentResult swapped = compare(c[2], c[3], c[0], c[1], 0.90);
      assertEquals(r90.pValue(), swapped.pValue(), 1e-15);
    });
  }

  // ---- evaluate(outcomes) ----

  private static final Experiment EXP = Experiment.builder("eval").champion(new FakeScorer("a", 1))
      .challenger(new FakeScorer("b", 1)).salt("eval-salt").challengerShare(0.5).build();

  /** Outcomes with exactly x of n top-tier conversions per arm plus `rest` non-top leads per arm. */
  private static List<ExperimentOutcome> outcomes(int x1, int n1, int x2, int n2, int rest) {
    List<ExperimentOutcome> out = new ArrayList<>();
    int[] top = {0, 0};
    int[] conv = {0, 0};
    int[] other = {0, 0};
    int[] n = {n1, n2};
    int[] x = {x1, x2};
    for (int i = 0; top[0] < n[0] || top[1] < n[1] || other[0] < rest || other[1] < rest; i++) {
      String id = "E-" + i;
      Arm arm = EXP.arm(id);
      int a = arm.ordinal();
      if (top[a] < n[a]) {
        boolean converted = conv[a] < x[a];
        conv[a] += converted ? 1 : 0;
        out.add(new ExperimentOutcome(id, arm, top[a] % 2 == 0 ? Tier.HOT : Tier.WARM, converted));
        top[a]++;
      } else if (other[a] < rest) {
        out.add(new ExperimentOutcome(id, arm, other[a] % 2 == 0 ? Tier.NURTURE : Tier.SUPPRESS, other[a] % 3 == 0));
        other[a]++;
      }
    }
    return out;
  }

  @Test
  void evaluateCountsEachLeadInItsArmAndTier() {
    List<ExperimentOutcome> o = outcomes(120, 1000, 90, 1000, 300);
    ExperimentResult r = EXP.evaluate(o);
    assertEquals(new ArmStats(Arm.CHAMPION, 1300, 220, 1000, 120), r.champion());
    assertEquals(new ArmStats(Arm.CHALLENGER, 1300, 190, 1000, 90), r.challenger());
    assertEquals(r.champion(), r.arm(Arm.CHAMPION));
    close(-2.1882658846227236, r.z(), "z as by hand");
    assertEquals(EnumSet.of(Tier.HOT, Tier.WARM), r.topTiers());
    assertEquals(0.95, r.confidenceLevel());
    assertEquals("eval", r.experiment());

    ExperimentResult hotOnly = EXP.evaluate(o, Set.of(Tier.HOT));
    assertEquals(500, hotOnly.champion().topTierLeads());
    assertEquals(60, hotOnly.champion().topTierConversions());
    assertEquals(0.9, EXP.evaluate(o, TOP, 0.9).confidenceLevel());
  }

  @Test
  void evaluateRejectsOutcomesThatDoNotBelong() {
    List<ExperimentOutcome> o = new ArrayList<>(outcomes(3, 10, 3, 10, 0));
    ExperimentOutcome first = o.get(0);
    List<ExperimentOutcome> wrongArm = new ArrayList<>(o);
    wrongArm.set(4, new ExperimentOutcome(o.get(4).leadId(), o.get(4).arm().other(), Tier.HOT, true));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> EXP.evaluate(wrongArm));
    assertTrue(e.getMessage().startsWith("experiment 'eval': outcome 4 says lead '" + o.get(4).leadId() + "' was in the "
        + o.get(4).arm().other() + " arm, but this experiment (salt 'eval-salt', challenger share 0.5) assigns it to "
        + o.get(4).arm()), e.getMessage());

    o.add(first);
    e = assertThrows(IllegalArgumentException.class, () -> EXP.evaluate(o));
    assertEquals("experiment 'eval': outcome 20 repeats lead '" + first.leadId() + "' (first at outcome 0); each lead "
        + "must count once", e.getMessage());

    List<ExperimentOutcome> withNull = new ArrayList<>();
    withNull.add(null);
    assertEquals("experiment 'eval': outcome 0 is null",
        assertThrows(IllegalArgumentException.class, () -> EXP.evaluate(withNull)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> new ExperimentOutcome(" ", Arm.CHAMPION, Tier.HOT, true));
    assertThrows(IllegalArgumentException.class, () -> new ExperimentOutcome("L", null, Tier.HOT, true));
  }

  @Test
  void noOutcomesAtAllIsNaNNotAnError() {
    ExperimentResult r = EXP.evaluate(List.of());
    assertTrue(Double.isNaN(r.pValue()));
    assertEquals(2, r.warnings().size());
  }
}
