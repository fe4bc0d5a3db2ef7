package dev.leadscore.model.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Tier;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The fast metrics against their brute-force definitions, and their invariants. */
class MetricsProperties {

  /** Scores, labels and optional weights. */
  record Case(double[] s, boolean[] y, double[] w) {
    @Override
    public String toString() {
      return "s=" + Arrays.toString(s) + " y=" + Arrays.toString(y) + " w=" + Arrays.toString(w);
    }

    int positives() {
      int c = 0;
      for (boolean b : y) {
        c += b ? 1 : 0;
      }
      return c;
    }

    boolean bothClasses() {
      int p = positives();
      return p > 0 && p < y.length;
    }
  }

  /**
   * 1–50 leads; scores either on a coarse grid (many ties) or continuous in [0, 1] (so they double
   * as probabilities); labels correlated with the score by a random amount; weights absent or
   * random with zeros mixed in.
   */
  static Gen<Case> cases(boolean weighted) {
    Gen<Double> grid = Gen.decimals(0, 1, 1);
    Gen<Double> continuous = Gen.doubles(0, 1);
    return r -> {
      int n = 1 + r.nextInt(50);
      boolean ties = r.nextBoolean();
      double signal = r.nextDouble();
      double[] s = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        s[i] = (ties ? grid : continuous).next(r);
        y[i] = r.nextDouble() < (1 - signal) * 0.5 + signal * s[i];
      }
      double[] w = null;
      if (weighted) {
        w = new double[n];
        for (int i = 0; i < n; i++) {
          w[i] = r.nextInt(5) == 0 ? 0.0 : 0.1 + 4 * r.nextDouble();
        }
      }
      return new Case(s, y, w);
    };
  }

  private static double weight(double[] w, int i) {
    return w == null ? 1.0 : w[i];
  }

  /** The O(n²) definition: Σ over (converted i, other j) of wᵢwⱼ([sᵢ > sⱼ] + ½[sᵢ = sⱼ]) / (W₊W₋). */
  static double bruteAuc(double[] s, boolean[] y, double[] w) {
    double num = 0;
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < s.length; i++) {
      if (y[i]) {
        pos += weight(w, i);
      } else {
        neg += weight(w, i);
      }
    }
    for (int i = 0; i < s.length; i++) {
      for (int j = 0; j < s.length; j++) {
        if (y[i] && !y[j]) {
          double win = s[i] > s[j] ? 1 : s[i] == s[j] ? 0.5 : 0;
          num += weight(w, i) * weight(w, j) * win;
        }
      }
    }
    return num / (pos * neg);
  }

  /** The O(n²) definition: mean over converted leads of the precision at their own score. */
  static double bruteAveragePrecision(double[] s, boolean[] y, double[] w) {
    double total = 0;
    double pos = 0;
    for (int i = 0; i < s.length; i++) {
      if (!y[i]) {
        continue;
      }
      double tp = 0;
      double flagged = 0;
      for (int j = 0; j < s.length; j++) {
        if (s[j] >= s[i]) {
          flagged += weight(w, j);
          tp += y[j] ? weight(w, j) : 0;
        }
      }
      if (weight(w, i) > 0) {
        total += weight(w, i) * tp / flagged;
      }
      pos += weight(w, i);
    }
    return total / pos;
  }

  private static Case permuted(Case c, long seed) {
    SplittableRandom r = new SplittableRandom(seed);
    int n = c.s().length;
    int[] p = new int[n];
    for (int i = 0; i < n; i++) {
      p[i] = i;
    }
    for (int i = n - 1; i > 0; i--) {
      int j = r.nextInt(i + 1);
      int t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    double[] s = new double[n];
    boolean[] y = new boolean[n];
    double[] w = c.w() == null ? null : new double[n];
    for (int i = 0; i < n; i++) {
      s[i] = c.s()[p[i]];
      y[i] = c.y()[p[i]];
      if (w != null) {
        w[i] = c.w()[p[i]];
      }
    }
    return new Case(s, y, w);
  }

  // ------------------------------------------------------------------------------ AUC

  @Test
  void aucEqualsTheBruteForcePairwiseDefinition() {
    PropertyCheck.forAll(cases(false).filter(Case::bothClasses), c ->
        assertEquals(bruteAuc(c.s(), c.y(), null), Metrics.rocAuc(c.s(), c.y()), 1e-15));
  }

  @Test
  void weightedAucEqualsTheBruteForcePairwiseDefinition() {
    PropertyCheck.forAll(cases(true), c -> {
      double brute = bruteAuc(c.s(), c.y(), c.w());
      if (Double.isNaN(brute)) {
        return; // a class with zero weight: covered by the example tests
      }
      assertEquals(brute, Metrics.rocAuc(c.s(), c.y(), c.w()), 1e-12);
    });
  }

  @Test
  void aucIsRankBasedAndSymmetric() {
    PropertyCheck.forAll(cases(false).filter(Case::bothClasses), c -> {
      double auc = Metrics.rocAuc(c.s(), c.y());
      double[] scaled = new double[c.s().length];
      double[] negated = new double[c.s().length];
      double[] unit = new double[c.s().length];
      for (int i = 0; i < scaled.length; i++) {
        scaled[i] = 4 * c.s()[i] * c.s()[i] * c.s()[i]; // strictly increasing on [0, 1], exact order
        negated[i] = -c.s()[i];
        unit[i] = 1.0;
      }
      assertEquals(auc, Metrics.rocAuc(scaled, c.y()));
      assertEquals(1 - auc, Metrics.rocAuc(negated, c.y()), 1e-15);
      assertEquals(auc, Metrics.rocAuc(c.s(), c.y(), unit), 1e-15);
      Case p = permuted(c, 99);
      assertEquals(auc, Metrics.rocAuc(p.s(), p.y()));
      assertTrue(auc >= 0 && auc <= 1);
    });
  }

  @Test
  void bootstrapIntervalIsDeterministicAndOrdered() {
    PropertyCheck.forAll(200, cases(false).filter(Case::bothClasses), c -> {
      Interval a = Metrics.rocAucInterval(c.s(), c.y(), 50, 0.9, 7L);
      assertEquals(a, Metrics.rocAucInterval(c.s(), c.y(), 50, 0.9, 7L));
      assertTrue(0 <= a.lower() && a.lower() <= a.upper() && a.upper() <= 1, a.toString());
    });
  }

  // ------------------------------------------------------------------------------ AP

  @Test
  void averagePrecisionEqualsTheBruteForceDefinition() {
    PropertyCheck.forAll(cases(false).filter(c -> c.positives() > 0), c ->
        assertEquals(bruteAveragePrecision(c.s(), c.y(), null), Metrics.averagePrecision(c.s(), c.y()), 1e-12));
    PropertyCheck.forAll(cases(true), c -> {
      double brute = bruteAveragePrecision(c.s(), c.y(), c.w());
      if (Double.isNaN(brute)) {
        return;
      }
      assertEquals(brute, Metrics.averagePrecision(c.s(), c.y(), c.w()), 1e-12);
    });
  }

  // ------------------------------------------------------------------------------ probabilities

  @Test
  void probabilityMetricsStayInRangeAndBinsAccountForEveryLead() {
    PropertyCheck.forAll(Gen.anyOf(cases(false), cases(true)), c -> {
      double total = 0;
      for (int i = 0; i < c.s().length; i++) {
        total += weight(c.w(), i);
      }
      if (!(total > 0)) {
        return;
      }
      double logLoss = Metrics.logLoss(c.s(), c.y(), c.w());
      double brier = Metrics.brierScore(c.s(), c.y(), c.w());
      // The worst row is a certain miss: p clipped to ε (or to the double 1 − ε, whose distance
      // from 1 rounds to a little under ε: −ln(9.99e-16) = 34.539).
      double worst = Math.max(-Math.log(Metrics.LOG_LOSS_EPSILON), -Math.log1p(-(1 - Metrics.LOG_LOSS_EPSILON)));
      assertTrue(logLoss >= 0 && logLoss <= worst, "log loss " + logLoss);
      assertTrue(brier >= 0 && brier <= 1, "brier " + brier);
      for (int bins : new int[] {1, 7, 10}) {
        ReliabilityTable t = Metrics.reliability(c.s(), c.y(), c.w(), bins);
        int count = 0;
        double weight = 0;
        for (ReliabilityTable.Bin b : t.bins()) {
          count += b.count();
          weight += b.weight();
          if (!b.isEmpty()) {
            assertTrue(b.meanPredicted() >= b.lower() - 1e-15 && b.meanPredicted() <= b.upper() + 1e-15, b.toString());
          }
        }
        assertEquals(c.s().length, count);
        assertEquals(total, weight, 1e-9);
        double ece = t.expectedCalibrationError();
        assertTrue(ece >= 0 && ece <= 1 && ece <= t.maximumCalibrationError() + 1e-15, "ece " + ece);
      }
    });
  }

  // ------------------------------------------------------------------------------ pipeline

  @Test
  void captureGrowsWithTheShareAndIgnoresOrder() {
    PropertyCheck.forAll(cases(false).filter(c -> c.positives() > 0), c -> {
      double prev = 0;
      int n = c.s().length;
      for (int k = 1; k <= n; k++) {
        LiftCapture l = Metrics.liftAt(c.s(), c.y(), (double) k / n);
        assertEquals(k, l.leads());
        assertTrue(l.capture() >= prev - 1e-15 && l.capture() <= 1 + 1e-15, l.toString());
        assertTrue(l.conversions() <= Math.min(k, c.positives()) + 1e-12, l.toString());
        prev = l.capture();
      }
      assertEquals(1.0, prev, 1e-15);
      Case p = permuted(c, 5);
      assertEquals(Metrics.liftAt(c.s(), c.y(), 0.3), Metrics.liftAt(p.s(), p.y(), 0.3));
      assertEquals(Metrics.cumulativeGains(c.s(), c.y()), Metrics.cumulativeGains(p.s(), p.y()));
    });
  }

  @Test
  void gainsCurveAgreesWithPrecisionRecallAtEachThreshold() {
    PropertyCheck.forAll(cases(false).filter(c -> c.positives() > 0), c -> {
      List<GainsPoint> g = Metrics.cumulativeGains(c.s(), c.y());
      assertEquals(new GainsPoint(Double.POSITIVE_INFINITY, 0, 0, 0, 0), g.get(0));
      GainsPoint last = g.get(g.size() - 1);
      assertEquals(1.0, last.shareOfLeads());
      assertEquals(1.0, last.shareOfConversions());
      for (int k = 1; k < g.size(); k++) {
        GainsPoint pt = g.get(k);
        assertTrue(pt.threshold() < g.get(k - 1).threshold());
        assertTrue(pt.leads() > g.get(k - 1).leads() && pt.conversions() >= g.get(k - 1).conversions());
        PrecisionRecall pr = Metrics.precisionRecallAt(c.s(), c.y(), pt.threshold());
        assertEquals(pt.leads(), pr.flagged());
        assertEquals(pt.conversions(), pr.truePositives());
        assertEquals(pt.shareOfConversions(), pr.recall(), 1e-15);
      }
    });
  }

  @Test
  void tierTableAccountsForEveryLead() {
    Gen<TierCutoffs> cutoffs = r -> {
      double[] c = {100 * r.nextDouble(), 100 * r.nextDouble(), 100 * r.nextDouble()};
      Arrays.sort(c);
      return TierCutoffs.of(c[2], c[1], c[0]);
    };
    PropertyCheck.forAll(cases(false), cutoffs, (c, cut) -> {
      double[] scores = new double[c.s().length];
      for (int i = 0; i < scores.length; i++) {
        scores[i] = 100 * c.s()[i];
      }
      TierTable t = TierTable.of(scores, c.y(), cut);
      int leads = 0;
      int conv = 0;
      double share = 0;
      for (Tier tier : Tier.values()) {
        TierTable.Row row = t.row(tier);
        int expected = 0;
        for (double s : scores) {
          expected += cut.tierOf(s) == tier ? 1 : 0;
        }
        assertEquals(expected, row.leads(), tier.toString());
        leads += row.leads();
        conv += row.conversions();
        share += row.shareOfPipeline();
      }
      assertEquals(scores.length, leads);
      assertEquals(c.positives(), conv);
      assertEquals(1.0, share, 1e-12);
      if (conv > 0) {
        assertEquals(1.0, t.row(Tier.SUPPRESS).cumulativeShareOfConversions(), 1e-15);
      }
    });
  }
}
