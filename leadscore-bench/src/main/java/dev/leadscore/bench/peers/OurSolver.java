package dev.leadscore.bench.peers;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;

/**
 * leadscore's own L2 logistic regression on a plain numeric matrix, for the training benchmarks
 * and the coefficient comparison with the peers.
 *
 * <p><b>Interim, by reflection.</b> leadscore-model has no public entry point that fits a plain
 * matrix: {@code ModelTrainer} only takes leads and a schema, and the solver ({@code LambdaPath},
 * {@code LogisticSolver}, {@code Workers}) is package-private. Until a public one exists (asked
 * for: a {@code LogisticRegression.fit(double[] xRowMajor, int n, int d, boolean[] y, double
 * lambda, FitOptions{tolerance, maxIterations, threads})} returning intercept, weights,
 * iterations and the final max gradient), this adapter calls the package-private {@code
 * LambdaPath} by reflection. That works on the class path (the shaded benchmark jar strips
 * module descriptors), costs nothing measurable next to a fit, and runs exactly the code
 * {@code ModelTrainer} runs for each lambda: standardise the matrix in place (so the timing
 * includes that pass), then Newton/IRLS with the hand-written Hessian kernel and EJML's Cholesky.
 * If the model module renames these internals this class fails loudly at start-up.
 */
public final class OurSolver {
  /** leadscore-model's default tolerance on {@code max |gradient| / n}. */
  public static final double DEFAULT_TOLERANCE = 1e-10;
  public static final int MAX_ITERATIONS = 100;

  private static final Constructor<?> WORKERS;
  private static final Constructor<?> LAMBDA_PATH;
  private static final Method FIT;
  private static final Object LISTENER_NONE;
  private static final Field M_STANDARDISATION;
  private static final Field M_INTERCEPT;
  private static final Field M_WEIGHTS;
  private static final Field M_ITERATIONS;
  private static final Field M_MAX_GRADIENT;
  private static final Method S_MEAN;
  private static final Method S_SCALE;

  static {
    try {
      Class<?> workers = Class.forName("dev.leadscore.model.Workers");
      Class<?> path = Class.forName("dev.leadscore.model.LambdaPath");
      Class<?> model = Class.forName("dev.leadscore.model.LinearModel");
      Class<?> listener = Class.forName("dev.leadscore.model.LogisticSolver$Listener");
      Class<?> standardisation = Class.forName("dev.leadscore.model.Standardisation");
      WORKERS = accessible(workers.getDeclaredConstructor(int.class));
      LAMBDA_PATH = accessible(path.getDeclaredConstructor(double[].class, int.class, int.class, boolean[].class,
          double[].class, workers, String[].class));
      FIT = accessible(path.getDeclaredMethod("fit", double.class, model, int.class, double.class, listener,
          boolean.class));
      Field none = accessible(listener.getDeclaredField("NONE"));
      LISTENER_NONE = none.get(null);
      M_STANDARDISATION = accessible(model.getDeclaredField("standardisation"));
      M_INTERCEPT = accessible(model.getDeclaredField("intercept"));
      M_WEIGHTS = accessible(model.getDeclaredField("weights"));
      M_ITERATIONS = accessible(model.getDeclaredField("iterations"));
      M_MAX_GRADIENT = accessible(model.getDeclaredField("maxGradient"));
      S_MEAN = accessible(standardisation.getDeclaredMethod("mean"));
      S_SCALE = accessible(standardisation.getDeclaredMethod("scale"));
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new ExceptionInInitializerError(new IllegalStateException(
          "leadscore-model's package-private solver API changed; update OurSolver (or use the public matrix entry"
              + " point once it exists): " + e, e));
    }
  }

  private static <T extends java.lang.reflect.AccessibleObject> T accessible(T o) {
    o.setAccessible(true);
    return o;
  }

  private OurSolver() {}

  /** The result of one fit. */
  public record Fit(Coefficients coefficients, double maxGradient) {}

  /**
   * Fits the shared objective with penalty {@code lambda}.
   *
   * @param x row-major {@code n x d} matrix; <b>overwritten</b> (standardised in place)
   * @param threads worker threads (the caller included), as {@code TrainingOptions.threads}
   */
  public static Fit fit(double[] x, int n, int d, boolean[] y, double lambda, double tolerance, int threads) {
    try {
      Object workers = WORKERS.newInstance(threads);
      try {
        Object path = LAMBDA_PATH.newInstance(x, n, d, y, null, workers, null);
        Object m = FIT.invoke(path, lambda, null, MAX_ITERATIONS, tolerance, LISTENER_NONE, false);
        Object std = M_STANDARDISATION.get(m);
        double[] mean = (double[]) S_MEAN.invoke(std);
        double[] scale = (double[]) S_SCALE.invoke(std);
        double b = M_INTERCEPT.getDouble(m);
        double[] w = ((double[]) M_WEIGHTS.get(m)).clone();
        // Back to the coordinates of the matrix the caller passed: w_j (x_j - m_j) / s_j.
        for (int j = 0; j < d; j++) {
          if (scale[j] > 0) {
            w[j] = w[j] / scale[j];
            b -= w[j] * mean[j];
          } else {
            w[j] = 0;
          }
        }
        return new Fit(new Coefficients("leadscore", b, w, M_ITERATIONS.getInt(m)), M_MAX_GRADIENT.getDouble(m));
      } finally {
        ((AutoCloseable) workers).close();
      }
    } catch (InvocationTargetException e) {
      Throwable c = e.getCause();
      if (c instanceof RuntimeException re) {
        throw re;
      }
      throw new IllegalStateException(c);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
