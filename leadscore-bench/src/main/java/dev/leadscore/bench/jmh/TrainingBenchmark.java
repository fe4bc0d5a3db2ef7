package dev.leadscore.bench.jmh;

import de.bwaldvogel.liblinear.Model;
import de.bwaldvogel.liblinear.Parameter;
import de.bwaldvogel.liblinear.Problem;
import dev.leadscore.bench.peers.LiblinearPeer;
import dev.leadscore.bench.peers.OurSolver;
import dev.leadscore.bench.peers.SmilePeer;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import smile.classification.LogisticRegression;

/**
 * One L2 logistic-regression fit ({@code lambda = 1}, i.e. scikit-learn's {@code C = 1}) on the
 * standardised {@link SynthMatrix} of each shape, by leadscore and by the peers, in the same run on
 * the same data. Single-shot: each measurement is one whole fit.
 * <ul>
 *   <li>{@code leadscore_1thread} / {@code leadscore_2threads}: leadscore's solver (Newton/IRLS,
 *       tolerance {@code max|grad|/n <= 1e-10}) through {@link OurSolver} on the pre-standardised
 *       matrix as given, as the peers (and scikit-learn, in run-benchmarks.sh) are timed;</li>
 *   <li>{@code leadscore_standardising_2threads}: the same with the solver's own copy and
 *       standardisation of the matrix first, the path {@code ModelTrainer} takes on extracted
 *       features (the difference is what that preparation costs).</li>
 *   <li>{@code smile}: Smile 2.6.0 {@code binomial(x, y, 1.0, 1e-5, 500)} (L-BFGS).</li>
 *   <li>{@code liblinear_eps0_01} / {@code liblinear_eps1e_6}: liblinear-java 2.44 {@code L2R_LR},
 *       {@code C = 1}, unregularised bias, at its default and at a tight tolerance.</li>
 * </ul>
 * How close each solution is to the optimum is measured separately (not timed) by {@link
 * PeerAgreement}.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx10g"})
public class TrainingBenchmark {
  static final double LAMBDA = 1.0;

  @State(Scope.Benchmark)
  public static class Data {
    @Param({"10000x33", "100000x33", "1000000x33", "100000x200"})
    public String shape;

    SynthMatrix m;

    @Setup(Level.Trial)
    public void setUp() {
      m = SynthMatrix.of(shape);
    }
  }

  /**
   * The design, copied into this buffer again before each fit, untimed. leadscore's solver never
   * modifies its input, so the copy is not needed for correctness; it is kept so that the measured
   * setup stays the one earlier results were taken with. It does not give a cold start: the copy
   * has just written the buffer, so each fit starts with what of it the cache holds (all of it for
   * the smaller shapes).
   */
  @State(Scope.Thread)
  public static class OurInput {
    double[] x;

    @Setup(Level.Invocation)
    public void copy(Data d) {
      if (x == null) {
        x = new double[d.m.z.length];
      }
      System.arraycopy(d.m.z, 0, x, 0, x.length);
    }

    @TearDown(Level.Trial)
    public void release() {
      x = null;
    }
  }

  @State(Scope.Benchmark)
  public static class SmileInput {
    double[][] x;
    int[] y;

    @Setup(Level.Trial)
    public void setUp(Data d) {
      x = SmilePeer.rows(d.m.z, d.m.n, d.m.d);
      y = SmilePeer.labels(d.m.y);
    }
  }

  @State(Scope.Benchmark)
  public static class LiblinearInput {
    Problem problem;
    Parameter loose;
    Parameter tight;

    @Setup(Level.Trial)
    public void setUp(Data d) {
      problem = LiblinearPeer.problem(d.m.z, d.m.n, d.m.d, d.m.y);
      loose = LiblinearPeer.parameter(LAMBDA, LiblinearPeer.EPS_DEFAULT);
      tight = LiblinearPeer.parameter(LAMBDA, LiblinearPeer.EPS_TIGHT);
    }
  }

  @Benchmark
  public OurSolver.Fit leadscore_1thread(Data d, OurInput in) {
    return OurSolver.fit(in.x, d.m.n, d.m.d, d.m.y, LAMBDA, OurSolver.DEFAULT_TOLERANCE, 1, false);
  }

  @Benchmark
  public OurSolver.Fit leadscore_2threads(Data d, OurInput in) {
    return OurSolver.fit(in.x, d.m.n, d.m.d, d.m.y, LAMBDA, OurSolver.DEFAULT_TOLERANCE, 2, false);
  }

  @Benchmark
  public OurSolver.Fit leadscore_standardising_2threads(Data d, OurInput in) {
    return OurSolver.fit(in.x, d.m.n, d.m.d, d.m.y, LAMBDA, OurSolver.DEFAULT_TOLERANCE, 2, true);
  }

  @Benchmark
  public LogisticRegression.Binomial smile(SmileInput in) {
    return SmilePeer.fit(in.x, in.y, LAMBDA, SmilePeer.TOL, SmilePeer.MAX_ITER);
  }

  @Benchmark
  public Model liblinear_eps0_01(LiblinearInput in) {
    return LiblinearPeer.fit(in.problem, in.loose);
  }

  @Benchmark
  public Model liblinear_eps1e_6(LiblinearInput in) {
    return LiblinearPeer.fit(in.problem, in.tight);
  }
}
