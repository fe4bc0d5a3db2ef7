package dev.leadscore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Hand-computed values (working in the comments) and argument checks. */
class MetricsTest {

  private static final boolean T = true;
  private static final boolean F = false;

  private static void assertMessage(String expectedPart, Executable call) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
    assertTrue(e.getMessage().contains(expectedPart), "message was: " + e.getMessage());
  }

  // ------------------------------------------------------------------------------ AUC

  @Test
  void aucOfScikitLearnsDocExample() {
    // Positives 0.35, 0.8; negatives 0.1, 0.4. Pairs won: 0.35>0.1, 0.8>0.1, 0.8>0.4 = 3 of 4.
    assertEquals(0.75, Metrics.rocAuc(new double[] {0.1, 0.4, 0.35, 0.8}, new boolean[] {F, F, T, T}));
  }

  @Test
  void aucCountsTiesOneHalf() {
    // Positives {1, 3}, negatives {1, 2}: (1 vs 1) = 1/2, (1 vs 2) = 0, (3 vs 1) = 1, (3 vs 2) = 1.
    // 2.5 / 4 = 0.625.
    assertEquals(0.625, Metrics.rocAuc(new double[] {1, 1, 2, 3}, new boolean[] {F, T, F, T}));
    // Every score equal: every pair ties, AUC 1/2.
    assertEquals(0.5, Metrics.rocAuc(new double[] {7, 7, 7}, new boolean[] {T, F, F}));
    // -0.0 and 0.0 are the same score.
    assertEquals(0.5, Metrics.rocAuc(new double[] {-0.0, 0.0}, new boolean[] {T, F}));
  }

  @Test
  void weightedAucWeighsPairs() {
    // Positive 2 (w=3) beats negative 1 (w=1) and loses to negative 3 (w=2):
    // 3·1 / (3·(1 + 2)) = 1/3.
    assertEquals(1.0 / 3, Metrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {F, T, F}, new double[] {1, 3, 2}),
        1e-16);
    assertEquals(Metrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {F, T, F}),
        Metrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {F, T, F}, null));
  }

  @Test
  void aucIsUndefinedForOneClass() {
    assertMessage("only one class (got 0 converted and 3 not converted)",
        () -> Metrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {F, F, F}));
    assertMessage("one class has zero total weight",
        () -> Metrics.rocAuc(new double[] {1, 2, 3}, new boolean[] {T, F, F}, new double[] {0, 1, 1}));
  }

  @Test
  void aucValidatesInput() {
    assertMessage("empty input", () -> Metrics.rocAuc(new double[0], new boolean[0]));
    assertMessage("got 2 scores and 3 labels", () -> Metrics.rocAuc(new double[2], new boolean[3]));
    assertMessage("scores[1] is NaN", () -> Metrics.rocAuc(new double[] {0, Double.NaN}, new boolean[] {T, F}));
    assertMessage("weights[0] must be finite and >= 0, got -2.0",
        () -> Metrics.rocAuc(new double[] {0, 1}, new boolean[] {T, F}, new double[] {-2, 1}));
    assertMessage("got 1 weights for 2 rows",
        () -> Metrics.rocAuc(new double[] {0, 1}, new boolean[] {T, F}, new double[] {1}));
    assertThrows(NullPointerException.class, () -> Metrics.rocAuc(null, new boolean[0]));
    // Infinite scores are ordered like any others.
    assertEquals(1.0, Metrics.rocAuc(new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY},
        new boolean[] {F, T}));
  }

  @Test
  void bootstrapIntervalIsDeterministicAndBracketsTheEstimate() {
    double[] s = new double[200];
    boolean[] y = new boolean[200];
    for (int i = 0; i < 200; i++) {
      s[i] = (i * 37 % 200) / 200.0;
      y[i] = (i * 37 % 200) / 200.0 + ((i * 11) % 7) / 10.0 > 0.6;
    }
    Interval a = Metrics.rocAucInterval(s, y, 500, 0.9, 42L);
    Interval b = Metrics.rocAucInterval(s, y, 500, 0.9, 42L);
    assertEquals(a, b);
    assertEquals(Metrics.rocAuc(s, y), a.estimate());
    assertEquals(0.9, a.level());
    assertTrue(a.lower() < a.estimate() && a.estimate() < a.upper(), a.toString());
    assertNotEquals(a, Metrics.rocAucInterval(s, y, 500, 0.9, 43L));
    // A wider level gives a wider interval on the same replicates.
    Interval wide = Metrics.rocAucInterval(s, y, 500, 0.99, 42L);
    assertTrue(wide.lower() <= a.lower() && wide.upper() >= a.upper());
    assertTrue(a.toString().startsWith(String.format(java.util.Locale.ROOT, "%.3f (90%% interval", a.estimate())),
        a.toString());
  }

  @Test
  void bootstrapOfPerfectRankingIsDegenerateAtOne() {
    // Every stratified resample keeps both classes and the perfect ordering: all replicates are 1.
    Interval i = Metrics.rocAucInterval(new double[] {1, 2, 3, 4}, new boolean[] {F, F, T, T}, 50, 0.95, 1L);
    assertEquals(new Interval(1.0, 1.0, 1.0, 0.95), i);
  }

  @Test
  void bootstrapValidatesItsArguments() {
    double[] s = {1, 2};
    boolean[] y = {F, T};
    assertMessage("resamples must be at least 1, got resamples=0", () -> Metrics.rocAucInterval(s, y, 0, 0.95, 1));
    assertMessage("level must be in (0, 1), got level=1.0", () -> Metrics.rocAucInterval(s, y, 10, 1.0, 1));
    assertMessage("only one class", () -> Metrics.rocAucInterval(s, new boolean[] {T, T}, 10, 0.9, 1));
  }

  @Test
  void quantileInterpolatesLikeNumpy() {
    // numpy.percentile([1, 2, 3, 4], 25) = 1.75; 50 -> 2.5; 100 -> 4.
    double[] v = {1, 2, 3, 4};
    assertEquals(1.75, AucBootstrap.quantile(v, 0.25));
    assertEquals(2.5, AucBootstrap.quantile(v, 0.5));
    assertEquals(4.0, AucBootstrap.quantile(v, 1.0));
    assertEquals(1.0, AucBootstrap.quantile(v, 0.0));
  }

  // ------------------------------------------------------------------------------ AP

  @Test
  void averagePrecisionOfScikitLearnsDocExample() {
    // Descending: 0.8 (T) P=1 R=1/2; 0.4 (F) P=1/2 R=1/2; 0.35 (T) P=2/3 R=1.
    // AP = 1/2·1 + 0·1/2 + 1/2·2/3 = 0.8333...
    assertEquals(0.8333333333333333, Metrics.averagePrecision(new double[] {0.1, 0.4, 0.35, 0.8},
        new boolean[] {F, F, T, T}), 1e-16);
  }

  @Test
  void averagePrecisionFlagsTiesTogether() {
    // Scores 2 (T), 1 (T), 1 (F): first step P=1, R=1/2; the tie at 1 adds T and F together:
    // P = 2/3, R = 1. AP = 1/2·1 + 1/2·2/3 = 5/6.
    assertEquals(5.0 / 6, Metrics.averagePrecision(new double[] {2, 1, 1}, new boolean[] {T, T, F}), 1e-15);
    assertEquals(1.0, Metrics.averagePrecision(new double[] {1, 2}, new boolean[] {T, T}));
    assertMessage("average precision is undefined when no lead converted",
        () -> Metrics.averagePrecision(new double[] {1, 2}, new boolean[] {F, F}));
  }

  // ------------------------------------------------------------------------------ probabilities

  @Test
  void logLossByHand() {
    // (−ln 0.9 − ln 0.8) / 2 = (0.10536051565782628 + 0.2231435513142097) / 2
    assertEquals(0.164252033486018, Metrics.logLoss(new double[] {0.9, 0.2}, new boolean[] {T, F}), 1e-15);
    // A certain miss is clipped to 1e-15: −ln(1e-15) = 34.538776394910684.
    assertEquals(34.538776394910684, Metrics.logLoss(new double[] {0.0}, new boolean[] {T}), 1e-12);
    assertEquals(34.538776394910684, Metrics.logLoss(new double[] {1.0}, new boolean[] {F}), 1e-3);
    // Weighted: (3·(−ln 0.9) + 1·(−ln 0.8)) / 4
    assertEquals((3 * -Math.log(0.9) - Math.log(0.8)) / 4,
        Metrics.logLoss(new double[] {0.9, 0.2}, new boolean[] {T, F}, new double[] {3, 1}), 1e-15);
    assertMessage("probabilities[1] must be a probability in [0, 1], got 1.5",
        () -> Metrics.logLoss(new double[] {0.5, 1.5}, new boolean[] {T, F}));
  }

  @Test
  void brierByHand() {
    // ((0.9 − 1)² + (0.2 − 0)² + (0.6 − 0)²) / 3 = (0.01 + 0.04 + 0.36) / 3 = 0.41 / 3
    assertEquals(0.41 / 3, Metrics.brierScore(new double[] {0.9, 0.2, 0.6}, new boolean[] {T, F, F}), 1e-16);
    assertEquals(0.0, Metrics.brierScore(new double[] {1, 0}, new boolean[] {T, F}));
    assertMessage("probabilities[0] must be a probability in [0, 1], got NaN",
        () -> Metrics.brierScore(new double[] {Double.NaN}, new boolean[] {T}));
  }

  @Test
  void eceAndReliabilityByHand() {
    // Bin [0, 0.1]: 0.05 (F): gap 0.05, weight 1/4. Bin (0.1, 0.2]: 0.15 (T), 0.15 (F): mean 0.15,
    // observed 1/2, gap 0.35, weight 2/4. Bin (0.9, 1]: 0.95 (T): gap 0.05, weight 1/4.
    // ECE = 0.0125 + 0.175 + 0.0125 = 0.2.
    double[] p = {0.05, 0.15, 0.15, 0.95};
    boolean[] y = {F, T, F, T};
    assertEquals(0.2, Metrics.expectedCalibrationError(p, y), 1e-15);
    ReliabilityTable t = Metrics.reliability(p, y, 10);
    assertEquals(10, t.bins().size());
    assertEquals(2, t.bins().get(1).count());
    assertEquals(0.15, t.bins().get(1).meanPredicted(), 1e-16);
    assertEquals(0.5, t.bins().get(1).observedRate());
    assertTrue(t.bins().get(5).isEmpty());
    assertTrue(Double.isNaN(t.bins().get(5).observedRate()));
    assertEquals(0.35, t.maximumCalibrationError(), 1e-15);
    assertTrue(t.toMarkdown().contains("| (0.10, 0.20] | 2 | 15.0% | 50.0% |"), t.toMarkdown());
    assertTrue(t.toString().contains("ECE 0.2000"), t.toString());
  }

  @Test
  void binEdgesFollowNumpyLinspace() {
    // Edges are i·0.1: 0.1 belongs to bin 0 (right-closed); the literal 0.3 lies below the edge
    // 3·0.1 = 0.30000000000000004, so it is in bin 2 with that edge; 0.7 < 7·0.1 as well.
    ReliabilityTable t = Metrics.reliability(new double[] {0.0, 0.1, 0.3, 0.30000000000000004, 0.7, 1.0},
        new boolean[6], 10);
    assertEquals(2, t.bins().get(0).count());
    assertEquals(2, t.bins().get(2).count());
    assertEquals(0, t.bins().get(3).count());
    assertEquals(1, t.bins().get(6).count());
    assertEquals(1, t.bins().get(9).count());
    assertEquals(0.30000000000000004, t.bins().get(2).upper());
    assertEquals(1.0, t.bins().get(9).upper());
    assertMessage("bins must be at least 1, got bins=0", () -> Metrics.reliability(new double[] {0.5}, new boolean[1], 0));
    // One bin: ECE is |mean p − rate|.
    assertEquals(Math.abs(0.4 - 0.5), Metrics.expectedCalibrationError(new double[] {0.3, 0.5},
        new boolean[] {T, F}, null, 1), 1e-16);
  }

  // ------------------------------------------------------------------------------ pipeline

  private static final double[] S = {10, 9, 8, 8, 8, 8, 3, 2, 1, 0};
  private static final boolean[] Y = {T, F, T, F, F, F, T, F, F, F};

  @Test
  void liftCreditsBoundaryTiesFractionally() {
    // Top 30 % = 3 leads. Above the 3rd score (8): 10 (T), 9 (F). One place left among the four 8s,
    // which hold 1 conversion: credit 1/4. Conversions 1.25; rate 1.25/3; capture 1.25/3 of 3;
    // lift (1.25/3) / (3/10) = 1.3888...
    LiftCapture l = Metrics.liftAt(S, Y, 0.3);
    assertEquals(3, l.leads());
    assertEquals(1.25, l.conversions());
    assertEquals(1.25 / 3, l.conversionRate(), 1e-16);
    assertEquals(1.25 / 3, l.capture(), 1e-16);
    assertEquals(1.25 / 3 / 0.3, l.lift(), 1e-15);
    // The whole pipeline captures everything at lift 1.
    LiftCapture all = Metrics.liftAt(S, Y, 1.0);
    assertEquals(10, all.leads());
    assertEquals(1.0, all.capture());
    assertEquals(1.0, all.lift(), 1e-15);
    // 0.1 + 0.2 of 10 leads is 3 leads, not 4.
    assertEquals(3, Metrics.liftAt(S, Y, 0.1 + 0.2).leads());
    // A tiny share still takes one lead.
    assertEquals(1, Metrics.liftAt(S, Y, 1e-9).leads());
    assertTrue(l.toString().startsWith("top 30%: 3 leads"), l.toString());
  }

  @Test
  void liftValidatesItsArguments() {
    assertMessage("topShare must be in (0, 1], got topShare=0.0", () -> Metrics.liftAt(S, Y, 0));
    assertMessage("topShare must be in (0, 1], got topShare=1.5", () -> Metrics.liftAt(S, Y, 1.5));
    assertMessage("no lead converted", () -> Metrics.liftAt(S, new boolean[10], 0.5));
  }

  @Test
  void gainsCurveByHand() {
    List<GainsPoint> g = Metrics.cumulativeGains(S, Y);
    assertEquals(List.of(
        new GainsPoint(Double.POSITIVE_INFINITY, 0, 0.0, 0, 0.0),
        new GainsPoint(10, 1, 0.1, 1, 1.0 / 3),
        new GainsPoint(9, 2, 0.2, 1, 1.0 / 3),
        new GainsPoint(8, 6, 0.6, 2, 2.0 / 3),
        new GainsPoint(3, 7, 0.7, 3, 1.0),
        new GainsPoint(2, 8, 0.8, 3, 1.0),
        new GainsPoint(1, 9, 0.9, 3, 1.0),
        new GainsPoint(0, 10, 1.0, 3, 1.0)), g);
  }

  @Test
  void precisionRecallAtCutoffByHand() {
    // score >= 8: 10, 9, 8, 8, 8, 8 -> 6 flagged, 2 converted; 3 converted overall.
    PrecisionRecall pr = Metrics.precisionRecallAt(S, Y, 8);
    assertEquals(new PrecisionRecall(8, 6, 2, 3, 2.0 / 6, 2.0 / 3), pr);
    PrecisionRecall none = Metrics.precisionRecallAt(S, Y, 11);
    assertEquals(0, none.flagged());
    assertTrue(Double.isNaN(none.precision()));
    assertEquals(0.0, none.recall());
    assertTrue(Double.isNaN(Metrics.precisionRecallAt(S, new boolean[10], 5).recall()));
    assertMessage("cutoff is NaN", () -> Metrics.precisionRecallAt(S, Y, Double.NaN));
    assertEquals("score >= 8.0: 6 flagged, precision 33.3%, recall 66.7%", pr.toString());
  }

  @Test
  void intervalValidates() {
    assertMessage("lower <= upper", () -> new Interval(0.9, 0.8, 0.7, 0.95));
    assertMessage("level must be in (0, 1)", () -> new Interval(0.1, 0.2, 0.3, 0));
    assertMessage("must not be NaN", () -> new Interval(Double.NaN, 0.2, 0.3, 0.5));
    assertTrue(new Interval(0.1, 0.2, 0.3, 0.5).contains(0.3));
    assertEquals(0.2, new Interval(0.1, 0.2, 0.3, 0.5).width(), 1e-16);
  }
}
