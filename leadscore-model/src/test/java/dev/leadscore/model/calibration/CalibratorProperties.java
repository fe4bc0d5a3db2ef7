package dev.leadscore.model.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Properties of fitted calibrators over random out-of-fold-like data. */
class CalibratorProperties {

  private static final double EPS = Calibrator.Isotonic.PROBABILITY_EPSILON;

  /** Logits, labels and (optional) weights of one random data set. */
  record Data(double[] x, boolean[] y, double[] w) {
    @Override
    public String toString() {
      return "x=" + Arrays.toString(x) + " y=" + Arrays.toString(y) + " w=" + Arrays.toString(w);
    }

    Data permuted(SplittableRandom r) {
      int n = x.length;
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
      double[] px = new double[n];
      boolean[] py = new boolean[n];
      double[] pw = w == null ? null : new double[n];
      for (int i = 0; i < n; i++) {
        px[i] = x[p[i]];
        py[i] = y[p[i]];
        if (w != null) {
          pw[i] = w[p[i]];
        }
      }
      return new Data(px, py, pw);
    }
  }

  /**
   * 1–60 rows; logits on a coarse grid (many ties) or continuous; labels drawn from a logistic
   * curve of random steepness (so anything from noise to perfect separation); weights absent,
   * small integers, or continuous with zeros mixed in.
   */
  static Gen<Data> data(boolean integerWeightsOnly) {
    Gen<Double> grid = Gen.decimals(-4, 4, 1);
    Gen<Double> continuous = Gen.doubles(-12, 12);
    return r -> {
      int n = 1 + r.nextInt(60);
      boolean ties = r.nextBoolean();
      double steep = r.nextDouble() * 8;
      double[] x = new double[n];
      boolean[] y = new boolean[n];
      for (int i = 0; i < n; i++) {
        x[i] = (ties ? grid : continuous).next(r);
        y[i] = r.nextDouble() < 1 / (1 + Math.exp(-steep * x[i]));
      }
      double[] w = null;
      int kind = r.nextInt(3);
      if (kind == 1 || (kind == 2 && integerWeightsOnly)) {
        w = new double[n];
        for (int i = 0; i < n; i++) {
          w[i] = 1 + r.nextInt(3);
        }
      } else if (kind == 2) {
        w = new double[n];
        for (int i = 0; i < n; i++) {
          w[i] = r.nextInt(6) == 0 ? 0.0 : 0.1 + 3 * r.nextDouble();
        }
        w[r.nextInt(n)] = 1.0; // keep the total positive
      }
      return new Data(x, y, w);
    };
  }

  /** The data with every row of integer weight k repeated k times, unweighted. */
  private static Data expanded(Data d) {
    int total = 0;
    for (double v : d.w()) {
      total += (int) v;
    }
    double[] x = new double[total];
    boolean[] y = new boolean[total];
    int k = 0;
    for (int i = 0; i < d.x().length; i++) {
      for (int c = 0; c < (int) d.w()[i]; c++) {
        x[k] = d.x()[i];
        y[k] = d.y()[i];
        k++;
      }
    }
    return new Data(x, y, null);
  }

  // ------------------------------------------------------------------------------ isotonic

  @Test
  void isotonicIsNonDecreasingAndWithinEpsilonOfTheUnitInterval() {
    PropertyCheck.forAll(data(false), d -> {
      Calibrator.Isotonic iso = Calibrator.fitIsotonic(d.x(), d.y(), d.w());
      double[] q = new double[200];
      SplittableRandom r = new SplittableRandom(d.x().length);
      for (int i = 0; i < q.length; i++) {
        q[i] = -15 + 30 * r.nextDouble();
      }
      double[] all = Arrays.copyOf(q, q.length + d.x().length);
      System.arraycopy(d.x(), 0, all, q.length, d.x().length);
      Arrays.sort(all);
      double prev = 0.0;
      for (double v : all) {
        double p = iso.probability(v);
        assertTrue(p >= EPS && p <= 1 - EPS, "p=" + p + " at " + v);
        assertTrue(p >= prev, "decreases at " + v + ": " + prev + " -> " + p);
        prev = p;
      }
    });
  }

  @Test
  void isotonicKeepsTheWeightedConversionRate() {
    // Pool-adjacent-violators replaces labels by block means, so Σ w·fit(x) = Σ w·y.
    PropertyCheck.forAll(data(false), d -> {
      Calibrator.Isotonic iso = Calibrator.fitIsotonic(d.x(), d.y(), d.w());
      double fitted = 0.0;
      double observed = 0.0;
      double total = 0.0;
      for (int i = 0; i < d.x().length; i++) {
        double w = d.w() == null ? 1.0 : d.w()[i];
        fitted += w * iso.probability(d.x()[i]);
        observed += w * (d.y()[i] ? 1 : 0);
        total += w;
      }
      // ε clipping moves each fitted value by at most ε.
      assertEquals(observed, fitted, EPS * total + 1e-9 * total);
    });
  }

  @Test
  void isotonicIntegerWeightsEqualRepeatedRows() {
    PropertyCheck.forAll(data(true).filter(d -> d.w() != null), d -> {
      Data e = expanded(d);
      assertEquals(Calibrator.fitIsotonic(e.x(), e.y(), null), Calibrator.fitIsotonic(d.x(), d.y(), d.w()));
    });
  }

  @Test
  void isotonicIgnoresRowOrder() {
    PropertyCheck.forAll(data(false), d -> {
      Data p = d.permuted(new SplittableRandom(d.x().length * 31L));
      Calibrator.Isotonic a = Calibrator.fitIsotonic(d.x(), d.y(), d.w());
      Calibrator.Isotonic b = Calibrator.fitIsotonic(p.x(), p.y(), p.w());
      if (d.w() == null) {
        assertEquals(a, b); // integer sums: exactly equal
      } else {
        assertTrue(Arrays.equals(a.thresholds(), b.thresholds()));
        assertArrayEqualsWithin(a.values(), b.values(), 1e-12);
      }
    });
  }

  @Test
  void isotonicFitIsDeterministic() {
    PropertyCheck.forAll(data(false), d -> {
      Calibrator.Isotonic a = Calibrator.fitIsotonic(d.x(), d.y(), d.w());
      Calibrator.Isotonic b = Calibrator.fitIsotonic(d.x().clone(), d.y().clone(), d.w() == null ? null : d.w().clone());
      assertEquals(a, b);
      for (double v : d.x()) {
        assertEquals(Double.doubleToRawLongBits(a.probability(v)), Double.doubleToRawLongBits(b.probability(v)));
      }
    });
  }

  // ------------------------------------------------------------------------------ Platt

  @Test
  void plattWithPositiveSlopeIsMonotoneAndNeverNaN() {
    Gen<Double> logits = Gen.anyOf(Gen.finiteDoubles(), Gen.doubles(-50, 50),
        Gen.oneOf(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY));
    Gen<Calibrator.Platt> platts = Gen.zip(Gen.doubles(1e-6, 20), Gen.doubles(-30, 30), Calibrator.Platt::new);
    PropertyCheck.forAll(Gen.zip(platts, Gen.lists(logits, 2, 2), (p, l) -> new Object[] {p, l}), in -> {
      Calibrator.Platt p = (Calibrator.Platt) in[0];
      @SuppressWarnings("unchecked")
      java.util.List<Double> l = (java.util.List<Double>) in[1];
      double lo = Math.min(l.get(0), l.get(1));
      double hi = Math.max(l.get(0), l.get(1));
      double plo = p.probability(lo);
      double phi = p.probability(hi);
      assertFalse(Double.isNaN(plo) || Double.isNaN(phi));
      assertTrue(plo >= 0 && phi <= 1);
      assertTrue(plo <= phi, p + ": p(" + lo + ")=" + plo + " > p(" + hi + ")=" + phi);
    });
  }

  @Test
  void plattFitIsTheOptimumOfTheSmoothedObjective() {
    PropertyCheck.forAll(data(false), d -> {
      Calibrator.Platt p = Calibrator.fitPlatt(d.x(), d.y(), d.w());
      double best = objective(d, p.a(), p.b());
      double da = 1e-4 * (1 + Math.abs(p.a()));
      double db = 1e-4 * (1 + Math.abs(p.b()));
      for (double[] s : new double[][] {{da, 0}, {-da, 0}, {0, db}, {0, -db}, {da, -db}, {-da, db}}) {
        double other = objective(d, p.a() + s[0], p.b() + s[1]);
        assertTrue(other >= best - 1e-12 * (1 + Math.abs(best)),
            p + " is beaten by a step " + Arrays.toString(s) + ": " + other + " < " + best);
      }
    });
  }

  @Test
  void plattIntegerWeightsEqualRepeatedRows() {
    PropertyCheck.forAll(data(true).filter(d -> d.w() != null), d -> {
      Data e = expanded(d);
      Calibrator.Platt weighted = Calibrator.fitPlatt(d.x(), d.y(), d.w());
      Calibrator.Platt repeated = Calibrator.fitPlatt(e.x(), e.y(), null);
      assertEquals(repeated.a(), weighted.a(), 1e-8 * (1 + Math.abs(repeated.a())));
      assertEquals(repeated.b(), weighted.b(), 1e-8 * (1 + Math.abs(repeated.b())));
    });
  }

  @Test
  void plattFitIsDeterministicAndOrderFree() {
    PropertyCheck.forAll(data(false), d -> {
      Calibrator.Platt a = Calibrator.fitPlatt(d.x(), d.y(), d.w());
      assertEquals(a, Calibrator.fitPlatt(d.x(), d.y(), d.w()));
      Data perm = d.permuted(new SplittableRandom(7));
      Calibrator.Platt b = Calibrator.fitPlatt(perm.x(), perm.y(), perm.w());
      assertEquals(a.a(), b.a(), 1e-8 * (1 + Math.abs(a.a())));
      assertEquals(a.b(), b.b(), 1e-8 * (1 + Math.abs(a.b())));
    });
  }

  /** Platt's smoothed-target objective, written out independently of PlattFitter. */
  private static double objective(Data d, double a, double b) {
    double pos = 0;
    double neg = 0;
    for (int i = 0; i < d.x().length; i++) {
      double w = d.w() == null ? 1 : d.w()[i];
      if (d.y()[i]) {
        pos += w;
      } else {
        neg += w;
      }
    }
    double sum = 0;
    for (int i = 0; i < d.x().length; i++) {
      double w = d.w() == null ? 1 : d.w()[i];
      double t = d.y()[i] ? (pos + 1) / (pos + 2) : 1 / (neg + 2);
      double z = a * d.x()[i] + b;
      // −[t·ln σ(z) + (1 − t)·ln(1 − σ(z))] = ln(1 + e^z) − t·z
      double softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
      sum += w * (softplus - t * z);
    }
    return sum;
  }

  private static void assertArrayEqualsWithin(double[] expected, double[] actual, double tol) {
    assertEquals(expected.length, actual.length);
    for (int i = 0; i < expected.length; i++) {
      assertEquals(expected[i], actual[i], tol, "index " + i);
    }
  }
}
