package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The solver on random small problems, including degenerate ones: it converges whenever lambda > 0. */
class SolverProperties {

  /** A problem: row-major x, labels with both classes, and a lambda. */
  record Problem(double[] x, int n, int d, boolean[] y, double lambda) {
    @Override
    public String toString() {
      return "n=" + n + " d=" + d + " lambda=" + lambda + " y=" + Arrays.toString(y) + " x=" + Arrays.toString(x);
    }

    Fixtures.Data data() {
      return new Fixtures.Data(x, n, d, y, null, null);
    }
  }

  /**
   * 2–60 rows and 1–6 columns, each column one of: varied scale and offset, constant, a copy of
   * the previous column (perfect collinearity), or 0/1; labels random, separable or 1-in-n.
   */
  static final Gen<Problem> PROBLEMS = random -> {
    int n = Gen.ints(2, 60).next(random);
    int d = Gen.ints(1, 6).next(random);
    double[] x = new double[n * d];
    for (int j = 0; j < d; j++) {
      int kind = random.nextInt(5);
      double scale = Math.pow(10, Gen.doubles(-3, 4).next(random));
      double offset = Gen.doubles(-1000, 1000).next(random);
      for (int i = 0; i < n; i++) {
        double v = switch (kind) {
          case 0, 1 -> offset + scale * Fixtures.gaussian(random);
          case 2 -> offset;
          case 3 -> j > 0 ? x[i * d + j - 1] * 2 - 1 : offset;
          default -> random.nextBoolean() ? 1 : 0;
        };
        x[i * d + j] = v;
      }
    }
    boolean[] y = new boolean[n];
    int labelling = random.nextInt(3);
    for (int i = 0; i < n; i++) {
      y[i] = switch (labelling) {
        case 0 -> random.nextBoolean();
        case 1 -> x[i * d] > x[d * (n / 2)]; // separable by the first column (when it varies)
        default -> i == 0;
      };
    }
    y[0] = true;
    y[n - 1] = false;
    double lambda = Gen.oneOf(1e-3, 0.1, 1.0, 10.0, 1000.0).next(random);
    return new Problem(x, n, d, y, lambda);
  };

  @Test
  void convergesToAStationaryPointWithFiniteWeightsWheneverLambdaIsPositive() {
    PropertyCheck.forAll(500, PROBLEMS, p -> {
      LinearModel m = LogisticSolverTest.fit(p.x(), p.n(), p.d(), p.y(), null, p.lambda());
      assertTrue(Double.isFinite(m.intercept));
      assertTrue(Arrays.stream(m.weights).allMatch(Double::isFinite), Arrays.toString(m.weights));
      double g = LogisticSolverTest.independentMaxGradient(p.data(), null, m, p.lambda());
      assertTrue(g <= 10 * LogisticSolver.DEFAULT_TOLERANCE, "independent max |gradient| / n = " + g);
    });
  }

  @Test
  void affineRescalingOfAColumnDoesNotChangeTheLogits() {
    PropertyCheck.forAll(300, PROBLEMS, p -> {
      double[] rescaled = p.x().clone();
      for (int i = 0; i < p.n(); i++) {
        rescaled[i * p.d()] = 1000 - 0.01 * rescaled[i * p.d()];
      }
      LinearModel a = LogisticSolverTest.fit(p.x(), p.n(), p.d(), p.y(), null, p.lambda());
      LinearModel b = LogisticSolverTest.fit(rescaled, p.n(), p.d(), p.y(), null, p.lambda());
      for (int i = 0; i < p.n(); i++) {
        double la = a.logit(p.x(), i * p.d());
        assertEquals(la, b.logit(rescaled, i * p.d()), 1e-6 * Math.max(1, Math.abs(la)), "row " + i);
      }
    });
  }
}
