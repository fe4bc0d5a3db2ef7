package dev.leadscore.bench.peers;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.FeatureNode;
import de.bwaldvogel.liblinear.Linear;
import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import de.bwaldvogel.liblinear.SolverType;

/**
 * liblinear-java 2.44 (BSD-3-Clause): {@code Parameter(SolverType.L2R_LR, C, eps)} with
 * {@code setRegularizeBias(false)} and a bias node (feature {@code d+1} = 1 on every row,
 * {@code problem.bias = 1}) solves {@code C sum logloss + (1/2)||w||^2}, the shared objective with
 * {@code C = 1/lambda}. Its stopping rule is {@code ||grad|| <= eps * min(pos,neg)/n * ||grad_0||}
 * (trust-region Newton), so its default {@code eps = 0.01} is loose.
 */
public final class LiblinearPeer {
  /** liblinear's default tolerance for L2R_LR. */
  public static final double EPS_DEFAULT = 0.01;
  /** A tight tolerance, for the coefficient comparison. */
  public static final double EPS_TIGHT = 1e-6;

  static {
    Linear.disableDebugOutput();
  }

  private LiblinearPeer() {}

  /** One row (dense, 1-based indices) plus the bias node. */
  public static Feature[] row(double[] z, int offset, int d) {
    Feature[] r = new Feature[d + 1];
    for (int j = 0; j < d; j++) {
      r[j] = new FeatureNode(j + 1, z[offset + j]);
    }
    r[d] = new FeatureNode(d + 1, 1.0);
    return r;
  }

  public static Problem problem(double[] z, int n, int d, boolean[] y) {
    Problem p = new Problem();
    p.l = n;
    p.n = d + 1;
    p.bias = 1.0;
    p.x = new Feature[n][];
    p.y = new double[n];
    for (int i = 0; i < n; i++) {
      p.x[i] = row(z, i * d, d);
      p.y[i] = y[i] ? 1 : 0;
    }
    return p;
  }

  public static Parameter parameter(double lambda, double eps) {
    Parameter param = new Parameter(SolverType.L2R_LR, 1.0 / lambda, eps);
    param.setRegularizeBias(false);
    return param;
  }

  public static Model fit(Problem problem, Parameter parameter) {
    return Linear.train(problem, parameter);
  }

  /** The model in the common form: weights for P(y = 1), whatever label liblinear saw first. */
  public static Coefficients coefficients(Model model, int d, String name) {
    double[] w = model.getFeatureWeights();
    if (w.length != d + 1) {
      throw new IllegalStateException("liblinear returned " + w.length + " weights for " + d + " columns + bias");
    }
    double sign = model.getLabels()[0] == 1 ? 1.0 : -1.0;
    double[] out = new double[d];
    for (int j = 0; j < d; j++) {
      out[j] = sign * w[j];
    }
    return new Coefficients(name, sign * w[d], out, -1);
  }

  /** The index of label 1 in liblinear's probability array. */
  public static int positiveIndex(Model model) {
    return model.getLabels()[0] == 1 ? 0 : 1;
  }

  /** P(y = 1) of one row through liblinear's own API ({@code Linear.predictProbability}). */
  public static double probability(Model model, Feature[] row, double[] estimates, int positive) {
    Linear.predictProbability(model, row, estimates);
    return estimates[positive];
  }
}
