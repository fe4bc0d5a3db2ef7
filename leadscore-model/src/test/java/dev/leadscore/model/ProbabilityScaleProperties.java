package dev.leadscore.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leadscore.core.Explanation;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Reason;
import dev.leadscore.core.Score;
import dev.leadscore.core.TierCutoffs;
import dev.leadscore.core.testing.Gen;
import dev.leadscore.core.testing.PropertyCheck;
import dev.leadscore.explain.testing.Cases;
import dev.leadscore.model.calibration.Calibrator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;

/** The percentage-point view adds up to the probability gap and keeps every reason's sign. */
class ProbabilityScaleProperties {

  /** An isotonic-like calibration: linear interpolation through increasing knots, flat outside, in [1e-6, 1 − 1e-6]. */
  static double steps(double z) {
    double[] xs = {-4, -1, -0.5, 0.5, 0.6, 3};
    double[] ps = {1e-6, 0.1, 0.1, 0.55, 0.7, 1 - 1e-6};
    if (z <= xs[0]) {
      return ps[0];
    }
    for (int i = 1; i < xs.length; i++) {
      if (z <= xs[i]) {
        return ps[i - 1] + (ps[i] - ps[i - 1]) * (z - xs[i - 1]) / (xs[i] - xs[i - 1]);
      }
    }
    return ps[ps.length - 1];
  }

  static final Gen<DoubleUnaryOperator> CALIBRATIONS = Gen.oneOf(
      Calibrator.identity()::probability,
      z -> Calibrator.identity().probability(0.7 * z - 0.4),
      ProbabilityScaleProperties::steps);

  @Test
  void partsAddUpToTheProbabilityGapAndKeepTheirSigns() {
    PropertyCheck.forAll(Cases.cases(1, 15), CALIBRATIONS, (c, calibration) -> {
      ModelScorer scorer = ModelScorer.of("p", "1", c.model(), calibration, TierCutoffs.of(80, 60, 30));
      Score s = scorer.score(c.lead(), Cases.AS_OF, Detail.EXPLAINED);
      Explanation lo = s.explanation().orElseThrow();
      Explanation pp = scorer.inPercentagePoints(lo);
      double pBase = calibration.applyAsDouble(lo.baseValue());
      assertEquals(100 * pBase, pp.baseValue(), 0);
      double sum = 0;
      for (Reason r : pp.contributions()) {
        sum += r.contribution();
      }
      assertEquals(100 * (calibration.applyAsDouble(lo.total()) - pBase), sum, 1e-9);
      assertEquals(s.score(), pp.total(), 1e-9);
      for (int i = 0; i < lo.contributions().size(); i++) {
        double a = lo.contributions().get(i).contribution();
        double b = pp.contributions().get(i).contribution();
        assertTrue(b == 0 || Math.signum(a) == Math.signum(b), a + " became " + b);
      }
    });
  }
}
