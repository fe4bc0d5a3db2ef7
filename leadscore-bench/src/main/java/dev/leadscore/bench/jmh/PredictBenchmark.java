package dev.leadscore.bench.jmh;

import de.bwaldvogel.liblinear.Feature;
import de.bwaldvogel.liblinear.Model;
import dev.leadscore.bench.peers.LiblinearPeer;
import dev.leadscore.bench.peers.OurSolver;
import dev.leadscore.bench.peers.SmilePeer;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.explain.Background;
import dev.leadscore.explain.LinearModel;
import dev.leadscore.model.calibration.Calibrator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import smile.classification.LogisticRegression;

/**
 * Single-row prediction, P(y = 1) of one prebuilt row through each library's own API, on the same
 * data for every library ({@value Fixtures#POOL} rows cycled through):
 * <ul>
 *   <li>{@code pipeline105_*}: the default pipeline's 105 columns. leadscore's {@code
 *       TrainedModel.probability} takes the <em>raw</em> vector (its dense scoring form folds
 *       the standardisation into the weights) and applies the Platt calibration; Smile and liblinear, fitted at the same lambda on the same
 *       800 standardised training rows, take pre-standardised rows ({@code double[]} /
 *       {@code Feature[]} with the bias node). leadscore's full bare score (with the tier) is
 *       {@code SingleLeadBenchmark.bareScore}.</li>
 *   <li>{@code matrix33_*}: the 10^5 x 33 training data (standardised), each library's own fit;
 *       leadscore's {@code explain.LinearModel.logit} plus the logistic function ({@code Calibrator.identity()}).</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class PredictBenchmark {
  private static final Calibrator IDENTITY = Calibrator.identity();

  @State(Scope.Benchmark)
  public static class Pipeline105 {
    Fixtures.Pipeline p;
    double[][] raw;
    double[][] z;
    Feature[][] nodes;
    LogisticRegression.Binomial smile;
    Model liblinear;
    int positive;

    @Setup
    public void setUp() {
      p = Fixtures.pipeline();
      int d = p.schema.width();
      double[] train = p.trainingMatrix();
      int n = train.length / d;
      double[] zt = new double[train.length];
      for (int i = 0; i < n; i++) {
        double[] s = p.standardise(java.util.Arrays.copyOfRange(train, i * d, i * d + d));
        System.arraycopy(s, 0, zt, i * d, d);
      }
      boolean[] y = p.trainingLabels();
      double lambda = p.model.lambda();
      smile = SmilePeer.fit(SmilePeer.rows(zt, n, d), SmilePeer.labels(y), lambda, SmilePeer.TOL, SmilePeer.MAX_ITER);
      liblinear = LiblinearPeer.fit(LiblinearPeer.problem(zt, n, d, y), LiblinearPeer.parameter(lambda, LiblinearPeer.EPS_TIGHT));
      positive = LiblinearPeer.positiveIndex(liblinear);
      raw = p.rows;
      z = new double[Fixtures.POOL][];
      nodes = new Feature[Fixtures.POOL][];
      for (int i = 0; i < Fixtures.POOL; i++) {
        z[i] = p.standardise(raw[i]);
        nodes[i] = LiblinearPeer.row(z[i], 0, d);
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Matrix33 {
    double[][] rows;
    Feature[][] nodes;
    LinearModel ours;
    LogisticRegression.Binomial smile;
    Model liblinear;
    int positive;

    @Setup
    public void setUp() {
      SynthMatrix m = SynthMatrix.of("100000x33");
      int d = m.d;
      OurSolver.Fit fit = OurSolver.fit(m.z, m.n, d, m.y, 1.0, OurSolver.DEFAULT_TOLERANCE, 2);
      FittedSchema schema = Fixtures.numericSchema(d);
      ours = LinearModel.of(schema, fit.coefficients().intercept(), fit.coefficients().weights(),
          Background.ofMeans(schema, new double[d]));
      smile = SmilePeer.fit(SmilePeer.rows(m.z, m.n, d), SmilePeer.labels(m.y), 1.0, SmilePeer.TOL, SmilePeer.MAX_ITER);
      liblinear = LiblinearPeer.fit(LiblinearPeer.problem(m.z, m.n, d, m.y), LiblinearPeer.parameter(1.0, LiblinearPeer.EPS_TIGHT));
      positive = LiblinearPeer.positiveIndex(liblinear);
      rows = new double[Fixtures.POOL][];
      nodes = new Feature[Fixtures.POOL][];
      for (int i = 0; i < Fixtures.POOL; i++) {
        rows[i] = m.row(i);
        nodes[i] = LiblinearPeer.row(m.z, i * d, d);
      }
    }
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
    final double[] posteriori = new double[2];
  }

  @Benchmark
  public double pipeline105_leadscore(Pipeline105 s, Cursor c) {
    return s.p.scorer.probabilityOf(s.raw[c.next++ & Fixtures.MASK]);
  }

  @Benchmark
  public double pipeline105_smile(Pipeline105 s, Cursor c) {
    return SmilePeer.probability(s.smile, s.z[c.next++ & Fixtures.MASK], c.posteriori);
  }

  @Benchmark
  public double pipeline105_liblinear(Pipeline105 s, Cursor c) {
    return LiblinearPeer.probability(s.liblinear, s.nodes[c.next++ & Fixtures.MASK], c.posteriori, s.positive);
  }

  @Benchmark
  public double matrix33_leadscore(Matrix33 s, Cursor c) {
    return IDENTITY.probability(s.ours.logit(s.rows[c.next++ & Fixtures.MASK]));
  }

  @Benchmark
  public double matrix33_smile(Matrix33 s, Cursor c) {
    return SmilePeer.probability(s.smile, s.rows[c.next++ & Fixtures.MASK], c.posteriori);
  }

  @Benchmark
  public double matrix33_liblinear(Matrix33 s, Cursor c) {
    return LiblinearPeer.probability(s.liblinear, s.nodes[c.next++ & Fixtures.MASK], c.posteriori, s.positive);
  }
}
