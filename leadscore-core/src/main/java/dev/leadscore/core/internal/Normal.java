package dev.leadscore.core.internal;

/**
 * The standard normal distribution: density, lower and upper tail, and quantiles, to close to
 * double precision, without a statistics library.
 *
 * <p><b>Method.</b> For {@code |x| <= 2} the upper tail is {@code Q(x) = 1/2 − φ(x)·S(x)} with
 * Marsaglia's series {@code S(x) = x + x³/3 + x⁵/(3·5) + …} (all terms positive, summed to
 * 1e-17 relative); for {@code |x| > 2} it is Laplace's continued fraction {@code Q(x) = φ(x) /
 * (x + 1/(x + 2/(x + 3/(x + …))))}, evaluated by the modified Lentz method to 1e-16 (about 100
 * terms at 2, 50 at 3, fewer beyond). The density {@code φ(x) = e^{−x²/2}/√(2π)} splits {@code
 * x²} into an exactly representable part and a small correction (as in Cody's algorithm), so its
 * relative error stays near one ulp even where {@code x²/2} is large.
 *
 * <p><b>Accuracy</b>, measured against 40-digit mpmath on a grid of step 0.01 over [−8, 37.5]
 * (and pinned by {@code NormalTest}): relative error of {@code Q} at most 7e-15 (the worst is
 * just below the switch at 2, where {@code 1/2 − φ·S} cancels), of {@code φ} at most 6e-16,
 * absolute error of {@code Φ} at most 3e-16. {@code Q} underflows to subnormals beyond about
 * 37.5 and to 0 beyond about 38.5 (and is set to 0 beyond 40).
 *
 * <p><b>Quantiles.</b> Two, each pinned by the outputs that use it: {@link #upperQuantile}
 * (experiments' confidence intervals) starts from Acklam's rational approximation (relative error
 * 1.15e-9) and polishes it with Halley steps on the accurate tail above, to about 1e-14 relative;
 * {@link #quantile} (the model's score intervals) is Wichura's AS 241 (PPND16), about 1e-16
 * relative. They agree to about 1e-15 but not bit for bit ({@code -quantile(q)} and {@code
 * upperQuantile(q)} differ in the last one to three digits for most {@code q}), so choosing one
 * would change published intervals in their last digits; until that is decided both stay here.
 *
 * <p>Why in {@code core.internal}: core's experiments and the model module both need it, and the
 * package is exported only to leadscore's own modules, so it adds nothing to the public API.
 *
 * <p>Stateless and thread-safe.
 */
public final class Normal {
  private static final double INV_SQRT_2PI = 0.3989422804014327; // 1/sqrt(2π)
  private static final double SERIES_LIMIT = 2.0;

  private Normal() {}

  /** The density {@code φ(x)}. */
  public static double density(double x) {
    double a = Math.abs(x);
    if (a > 40) {
      return 0.0;
    }
    // a = s + d with s a multiple of 1/16, so s² is exact; a² = s² + d·(a + s).
    double s = Math.floor(a * 16.0) / 16.0;
    double d = a - s;
    return INV_SQRT_2PI * Math.exp(-0.5 * s * s) * Math.exp(-0.5 * d * (a + s));
  }

  /** The upper tail {@code Q(x) = P(Z > x) = 1 − Φ(x)}, relative error below 1e-14 (see the class comment). */
  public static double upperTail(double x) {
    if (Double.isNaN(x)) {
      return Double.NaN;
    }
    if (x < 0) {
      return 1.0 - upperTail(-x);
    }
    if (x <= SERIES_LIMIT) {
      return 0.5 - density(x) * series(x);
    }
    if (x > 40) {
      return 0.0;
    }
    return density(x) * continuedFraction(x);
  }

  /** The lower tail {@code Φ(x) = P(Z <= x)}. */
  public static double cdf(double x) {
    return upperTail(-x);
  }

  /**
   * The two-sided p-value of a z statistic, {@code 2·Q(|z|)}: the chance that a standard normal
   * is at least as far from 0 as {@code z}. NaN for NaN.
   */
  public static double twoSidedP(double z) {
    if (Double.isNaN(z)) {
      return Double.NaN;
    }
    return Math.min(1.0, 2.0 * upperTail(Math.abs(z)));
  }

  /**
   * The {@code x} with {@code Q(x) = q}, the upper-tail quantile: 1.959963984540054 for {@code q =
   * 0.025}.
   *
   * @throws IllegalArgumentException unless {@code 0 < q < 1}
   */
  public static double upperQuantile(double q) {
    if (!(q > 0.0 && q < 1.0)) {
      throw new IllegalArgumentException("a tail probability must be in (0, 1), got " + q);
    }
    if (q > 0.5) {
      return -upperQuantile(1.0 - q);
    }
    if (q == 0.5) {
      return 0.0;
    }
    double x = -acklam(q); // Acklam gives the lower-tail quantile, Φ⁻¹(q) < 0 here
    for (int i = 0; i < 4; i++) {
      double phi = density(x);
      if (phi == 0.0) {
        break;
      }
      // Halley's step on f(x) = Q(x) − q, f' = −φ, f'' = x·φ.
      double u = (upperTail(x) - q) / phi;
      double step = u / (1.0 - 0.5 * x * u);
      x += step;
      if (Math.abs(step) <= 1e-16 * Math.abs(x)) {
        break;
      }
    }
    return x;
  }

  /**
   * The {@code p}-quantile {@code Φ⁻¹(p)} of the standard normal distribution, by Wichura's AS 241:
   * 1.9599639845400536 for {@code p = 0.975} (the exact value rounds to ...054).
   *
   * @throws IllegalArgumentException unless {@code 0 < p < 1}
   */
  public static double quantile(double p) {
    if (!(p > 0 && p < 1)) {
      throw new IllegalArgumentException("normal quantile needs 0 < p < 1, got " + p);
    }
    double q = p - 0.5;
    if (Math.abs(q) <= 0.425) {
      double r = 0.180625 - q * q;
      return q * (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r
          + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r
          + 133.14166789178437745) * r + 3.387132872796366608)
          / (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r
          + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r
          + 42.313330701600911252) * r + 1.0);
    }
    double r = q < 0 ? p : 1 - p;
    r = Math.sqrt(-Math.log(r));
    double value;
    if (r <= 5) {
      r -= 1.6;
      value = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r
          + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r
          + 4.6303378461565452959) * r + 1.42343711074968357734)
          / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r
          + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r
          + 2.05319162663775882187) * r + 1.0);
    } else {
      r -= 5;
      value = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r
          + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r
          + 5.4637849111641143699) * r + 6.6579046435011037772)
          / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r
          + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r
          + 0.59983220655588793769) * r + 1.0);
    }
    return q < 0 ? -value : value;
  }

  /** {@code S(x) = Σ x^(2n+1)/(1·3·…·(2n+1))}, so that {@code Φ(x) = 1/2 + φ(x)·S(x)}. */
  private static double series(double x) {
    double x2 = x * x;
    double term = x;
    double sum = x;
    for (int n = 1; n < 500; n++) {
      term *= x2 / (2 * n + 1);
      sum += term;
      if (term <= 1e-17 * sum) {
        break;
      }
    }
    return sum;
  }

  /** {@code 1/(x + 1/(x + 2/(x + 3/(x + …))))} by the modified Lentz method, for x > 3. */
  private static double continuedFraction(double x) {
    double tiny = 1e-300;
    double f = x;
    double c = x;
    double d = 0.0;
    for (int n = 1; n < 5000; n++) {
      d = x + n * d;
      d = d == 0.0 ? tiny : d;
      c = x + n / c;
      c = c == 0.0 ? tiny : c;
      d = 1.0 / d;
      double delta = c * d;
      f *= delta;
      if (Math.abs(delta - 1.0) < 1e-16) {
        break;
      }
    }
    return 1.0 / f;
  }

  /** Acklam's approximation of the lower-tail quantile {@code Φ⁻¹(p)}, relative error 1.15e-9. */
  private static double acklam(double p) {
    final double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
        1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00};
    final double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
        6.680131188771972e+01, -1.328068155288572e+01};
    final double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
        -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00};
    final double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
        3.754408661907416e+00};
    final double pLow = 0.02425;
    if (p < pLow) {
      double q = Math.sqrt(-2 * Math.log(p));
      return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
          / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
    }
    if (p <= 1 - pLow) {
      double q = p - 0.5;
      double r = q * q;
      return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
          / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
    }
    double q = Math.sqrt(-2 * Math.log1p(-p));
    return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
        / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
}
