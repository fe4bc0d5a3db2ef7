package dev.leadscore.bench.jmh;

import de.bwaldvogel.liblinear.Model;
import dev.leadscore.bench.peers.Coefficients;
import dev.leadscore.bench.peers.LiblinearPeer;
import dev.leadscore.bench.peers.Objective;
import dev.leadscore.bench.peers.OurSolver;
import dev.leadscore.bench.peers.SmilePeer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Not a benchmark: fits leadscore, Smile and liblinear once each on the same data as {@link
 * TrainingBenchmark} (and on the default pipeline's 800 x 105 training matrix at the trained
 * lambda), and writes a markdown table of how far each peer's coefficients are from leadscore's
 * (max abs difference, intercept included) and how converged each solution is on the shared
 * objective ({@code max|grad f|/n}, computed here, independently of every solver).
 *
 * <p>Usage: {@code PeerAgreement OUT.md [--dump DIR SHAPE,SHAPE] [shape ...]}, shapes like
 * {@code 100000x33}. With {@code --dump}, the standardised matrix of each named shape is written
 * to {@code DIR/SHAPE.csv} (columns {@code f0 .. f(d-1), label}, for scikit-learn's reference
 * script) and leadscore's coefficients to {@code DIR/SHAPE.leadscore.txt} (intercept first, one per
 * line, the format of {@code sklearn_ref.py --ref-coef-out}).
 */
public final class PeerAgreement {
  private PeerAgreement() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: PeerAgreement OUT.md [shape ...]");
      System.exit(2);
    }
    List<String> shapes = new ArrayList<>();
    Path dumpDir = null;
    List<String> dumpShapes = List.of();
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--dump") && i + 2 < args.length) {
        dumpDir = Path.of(args[i + 1]);
        dumpShapes = List.of(args[i + 2].split(","));
        i += 2;
      } else {
        shapes.add(args[i]);
      }
    }
    if (shapes.isEmpty()) {
      shapes = List.of("10000x33", "100000x33", "100000x200");
    }
    StringBuilder md = new StringBuilder();
    md.append("| data | library, setting | iterations | max abs coef diff vs leadscore | max abs grad / n (shared objective) |\n");
    md.append("|---|---|---|---|---|\n");
    for (String shape : shapes) {
      SynthMatrix m = SynthMatrix.of(shape);
      System.err.printf(Locale.ROOT, "%s: positive rate %.4f%n", shape, m.positiveRate);
      Coefficients ours = compare(md, shape + String.format(Locale.ROOT, " (%.1f %% pos.)", 100 * m.positiveRate),
          m.z, m.n, m.d, m.y, 1.0);
      if (dumpDir != null && dumpShapes.contains(shape)) {
        dump(dumpDir, shape, m, ours);
      }
    }
    Fixtures.Pipeline p = Fixtures.pipeline();
    int d = p.schema.width();
    double[] train = p.trainingMatrix();
    int n = train.length / d;
    double[] z = new double[train.length];
    for (int i = 0; i < n; i++) {
      System.arraycopy(p.standardise(java.util.Arrays.copyOfRange(train, i * d, i * d + d)), 0, z, i * d, d);
    }
    compare(md, "default pipeline " + n + "x" + d + ", lambda " + fmt(p.model.lambda()), z, n, d, p.trainingLabels(),
        p.model.lambda());
    Files.writeString(Path.of(args[0]), md.toString(), StandardCharsets.UTF_8);
    System.out.print(md);
  }

  private static void dump(Path dir, String shape, SynthMatrix m, Coefficients ours) throws IOException {
    Files.createDirectories(dir);
    try (java.io.BufferedWriter w = Files.newBufferedWriter(dir.resolve(shape + ".csv"), StandardCharsets.UTF_8)) {
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < m.d; j++) {
        line.append('f').append(j).append(',');
      }
      w.write(line.append("label\n").toString());
      for (int i = 0; i < m.n; i++) {
        line.setLength(0);
        for (int j = 0; j < m.d; j++) {
          line.append(m.z[i * m.d + j]).append(',');
        }
        w.write(line.append(m.y[i] ? '1' : '0').append('\n').toString());
      }
    }
    StringBuilder c = new StringBuilder().append(ours.intercept()).append('\n');
    for (double v : ours.weights()) {
      c.append(v).append('\n');
    }
    Files.writeString(dir.resolve(shape + ".leadscore.txt"), c.toString(), StandardCharsets.UTF_8);
  }

  private static Coefficients compare(StringBuilder md, String label, double[] z, int n, int d, boolean[] y,
      double lambda) {
    OurSolver.Fit ours = OurSolver.fit(z, n, d, y, lambda, OurSolver.DEFAULT_TOLERANCE, 2);
    Coefficients ref = ours.coefficients();
    row(md, label, "leadscore Newton, tol 1e-10 (solver reports " + fmt(ours.maxGradient()) + ")", ref.iterations(), ref,
        ref, z, n, d, y, lambda);
    Coefficients smile = SmilePeer.coefficients(
        SmilePeer.fit(SmilePeer.rows(z, n, d), SmilePeer.labels(y), lambda, SmilePeer.TOL, SmilePeer.MAX_ITER), d);
    row(md, label, "Smile 2.6.0 L-BFGS, tol 1e-5", -1, smile, ref, z, n, d, y, lambda);
    for (double eps : new double[] {LiblinearPeer.EPS_DEFAULT, LiblinearPeer.EPS_TIGHT}) {
      Model model = LiblinearPeer.fit(LiblinearPeer.problem(z, n, d, y), LiblinearPeer.parameter(lambda, eps));
      Coefficients c = LiblinearPeer.coefficients(model, d, "liblinear 2.44");
      row(md, label, "liblinear 2.44 L2R_LR, eps " + (eps == LiblinearPeer.EPS_DEFAULT ? "0.01 (default)" : "1e-6"), -1,
          c, ref, z, n, d, y, lambda);
    }
    return ref;
  }

  private static void row(StringBuilder md, String label, String what, int iterations, Coefficients c,
      Coefficients ref, double[] z, int n, int d, boolean[] y, double lambda) {
    double diff = c.maxAbsDiff(ref);
    double grad = Objective.maxGradientOverN(z, n, d, y, lambda, c);
    md.append("| ").append(label).append(" | ").append(what).append(" | ")
        .append(iterations < 0 ? "-" : Integer.toString(iterations)).append(" | ")
        .append(c == ref ? "(reference)" : fmt(diff)).append(" | ").append(fmt(grad)).append(" |\n");
    System.err.println(label + " / " + what + ": diff " + fmt(diff) + ", grad " + fmt(grad));
  }

  static String fmt(double v) {
    if (v == 0) {
      return "0";
    }
    double a = Math.abs(v);
    return a >= 1e-3 && a < 1e4 ? String.format(Locale.ROOT, "%.4g", v) : String.format(Locale.ROOT, "%.2e", v);
  }
}
