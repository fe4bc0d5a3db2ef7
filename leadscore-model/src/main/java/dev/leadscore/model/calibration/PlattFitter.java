package dev.leadscore.model.calibration;

/**
 * Newton's method for Platt scaling on Platt's smoothed targets; see {@link
 * Calibrator#fitPlatt}. Stateless.
 */
final class PlattFitter {
  private PlattFitter() {}

  /**
   * Convergence: {@code |∂/∂b| <= GRADIENT_TOLERANCE × total weight} and {@code |∂/∂a| <=
   * GRADIENT_TOLERANCE × total weight × max(1, max|logit|)}. Newton converges quadratically, so
   * this costs one or two iterations more than a loose tolerance would, and it stays above the
   * rounding noise of an n-term sum for any realistic n. If rounding stops progress first, the
   * stall rule below applies.
   */
  static final double GRADIENT_TOLERANCE = 1e-12;
  /**
   * If the line search can make no further progress (the objective is flat to rounding), the
   * point is accepted when the gradient meets this looser relative tolerance, the one
   * scikit-learn's BFGS stops at (1e-5 absolute).
   */
  static final double STALL_GRADIENT_TOLERANCE = 1e-6;
  /** Armijo sufficient-decrease constant of the backtracking line search. */
  static final double ARMIJO = 1e-4;
  /** The line search halves the step at most down to this. */
  static final double MIN_STEP = 0x1p-40;
  /**
   * Relative size of objective changes that are rounding noise: a full Newton step whose
   * predicted decrease is this small is taken without demanding a measurable decrease.
   */
  static final double OBJECTIVE_NOISE = 1e-12;
  /** A parameter change below this (relative) counts as no progress. */
  static final double STEP_NOISE = 1e-15;
  /** Newton iterations before giving up; convergence normally takes 5–10. */
  static final int MAX_ITERATIONS = 100;

  static Calibrator.Platt fit(double[] f, boolean[] y, double[] w) {
    double total = Inputs.checkFitInput(f, y, w);
    int n = f.length;
    double pos = 0.0;
    double neg = 0.0;
    double fMin = Double.POSITIVE_INFINITY;
    double fMax = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < n; i++) {
      double wi = w == null ? 1.0 : w[i];
      if (y[i]) {
        pos += wi;
      } else {
        neg += wi;
      }
      if (wi > 0.0) {
        fMin = Math.min(fMin, f[i]);
        fMax = Math.max(fMax, f[i]);
      }
    }
    double tPos = (pos + 1.0) / (pos + 2.0);
    double tNeg = 1.0 / (neg + 2.0);
    double[] t = new double[n];
    for (int i = 0; i < n; i++) {
      t[i] = y[i] ? tPos : tNeg;
    }
    if (fMin == fMax) {
      // z = a·f + b is one number for every row: only a·f + b is identifiable. Take a = 0 and
      // the b whose sigmoid is the weighted mean target, the unique optimum along that line.
      double mean = (pos * tPos + neg * tNeg) / total;
      return new Calibrator.Platt(0.0, Math.log(mean / (1.0 - mean)));
    }
    double scale = Math.max(1.0, Math.max(Math.abs(fMin), Math.abs(fMax)));
    double a = 0.0;
    double b = Math.log((pos + 1.0) / (neg + 1.0));
    double[] state = new double[6]; // objective, ga, gb, haa, hab, hbb
    for (int iter = 0; iter < MAX_ITERATIONS; iter++) {
      evaluate(f, t, w, a, b, state);
      double obj = state[0];
      double ga = state[1];
      double gb = state[2];
      if (converged(ga, gb, total, scale, GRADIENT_TOLERANCE)) {
        return new Calibrator.Platt(a, b);
      }
      double haa = state[3];
      double hab = state[4];
      double hbb = state[5];
      // A tiny ridge keeps the 2x2 solve defined when p(1-p) underflows on most rows.
      double ridge = 1e-12 * (haa + hbb) + Double.MIN_NORMAL;
      haa += ridge;
      hbb += ridge;
      double det = haa * hbb - hab * hab;
      double da;
      double db;
      if (det > 0.0 && Double.isFinite(det)) {
        da = -(hbb * ga - hab * gb) / det;
        db = -(-hab * ga + haa * gb) / det;
      } else {
        da = -ga;
        db = -gb;
      }
      double slope = ga * da + gb * db; // directional derivative, < 0 for a descent direction
      if (!(slope < 0.0)) {
        da = -ga;
        db = -gb;
        slope = -(ga * ga + gb * gb);
      }
      double noise = OBJECTIVE_NOISE * (1.0 + Math.abs(obj));
      double step = 1.0;
      boolean moved = false;
      while (step >= MIN_STEP) {
        double na = a + step * da;
        double nb = b + step * db;
        double newObj = objective(f, t, w, na, nb);
        boolean sufficient = newObj <= obj + ARMIJO * step * slope;
        boolean withinNoise = step == 1.0 && -slope <= noise && newObj <= obj + noise;
        if (sufficient || withinNoise) {
          // A step below rounding of the parameters is no progress either.
          moved = Math.abs(na - a) > STEP_NOISE * (1.0 + Math.abs(a))
              || Math.abs(nb - b) > STEP_NOISE * (1.0 + Math.abs(b));
          a = na;
          b = nb;
          break;
        }
        step *= 0.5;
      }
      if (!moved) {
        // Flat to rounding: nothing better is representable along the Newton direction.
        if (converged(ga, gb, total, scale, STALL_GRADIENT_TOLERANCE)) {
          return new Calibrator.Platt(a, b);
        }
        throw new IllegalStateException("Platt fit stalled at a=" + a + ", b=" + b
            + " with gradient (" + ga + ", " + gb + ") on total weight " + total);
      }
    }
    evaluate(f, t, w, a, b, state);
    if (converged(state[1], state[2], total, scale, STALL_GRADIENT_TOLERANCE)) {
      return new Calibrator.Platt(a, b);
    }
    throw new IllegalStateException("Platt fit did not converge in " + MAX_ITERATIONS
        + " Newton iterations: a=" + a + ", b=" + b + ", gradient (" + state[1] + ", " + state[2] + ")");
  }

  private static boolean converged(double ga, double gb, double total, double scale, double tol) {
    return Math.abs(ga) <= tol * total * scale && Math.abs(gb) <= tol * total;
  }

  /** Σ wᵢ·(softplus(zᵢ) − tᵢ·zᵢ) with zᵢ = a·fᵢ + b: the weighted log loss against the targets. */
  private static double objective(double[] f, double[] t, double[] w, double a, double b) {
    double sum = 0.0;
    for (int i = 0; i < f.length; i++) {
      double wi = w == null ? 1.0 : w[i];
      if (wi == 0.0) {
        continue;
      }
      double z = a * f[i] + b;
      sum += wi * (Logistic.softplus(z) - t[i] * z);
    }
    return sum;
  }

  /** Objective, gradient and Hessian in one pass, into {@code out}. */
  private static void evaluate(double[] f, double[] t, double[] w, double a, double b, double[] out) {
    double obj = 0.0;
    double ga = 0.0;
    double gb = 0.0;
    double haa = 0.0;
    double hab = 0.0;
    double hbb = 0.0;
    for (int i = 0; i < f.length; i++) {
      double wi = w == null ? 1.0 : w[i];
      if (wi == 0.0) {
        continue;
      }
      double fi = f[i];
      double z = a * fi + b;
      double r = wi * (Logistic.sigmoid(z) - t[i]);
      double d = wi * Logistic.sigmoidDerivative(z);
      obj += wi * (Logistic.softplus(z) - t[i] * z);
      ga += r * fi;
      gb += r;
      haa += d * fi * fi;
      hab += d * fi;
      hbb += d;
    }
    out[0] = obj;
    out[1] = ga;
    out[2] = gb;
    out[3] = haa;
    out[4] = hab;
    out[5] = hbb;
  }
}
