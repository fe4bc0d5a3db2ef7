package dev.leadscore.bench.jmh;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Seniority;
import dev.leadscore.explain.Attribution;
import dev.leadscore.model.TrainedModel;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The performance investigation: the pieces of the single-lead paths, measured one by one through
 * public API, to find where a full score (about 2.1 us, target 300 ns) and an explanation spend
 * their time. Leads cycle through {@value Fixtures#POOL} fresh leads.
 * <ul>
 *   <li>{@code displayValue}: {@code FittedSchema.displayValue} for every feature of one kind (or
 *       all), with the lead's prebuilt vector: what {@code LinearShap.explanation} calls per
 *       listed reason;</li>
 *   <li>{@code shapAttribution}: the exact SHAP numbers alone ({@code LinearShap.attribute} on a
 *       prebuilt vector), no text;</li>
 *   <li>{@code seniorityOfTitle}: the job-title parser ({@code Seniority.ofTitle}) alone;</li>
 *   <li>{@code baseline*}: what the JDK primitives the extraction uses cost by themselves: one
 *       {@code strip().toLowerCase(ROOT)} of the title (a reference point for the normalised text
 *       lookups), one {@code strip().replaceAll("\\s+", " ")} (what
 *       {@code Specs.normaliseSpaces} does for display values: a regex compiled per call), and the
 *       lead's attribute-map lookups of the default schema's 13 attributes.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class HotSpotBenchmark {

  @State(Scope.Benchmark)
  public static class Data {
    Fixtures.Pipeline p;
    String[] titles;
    String[] attributes;

    @Setup
    public void setUp() {
      p = Fixtures.pipeline();
      titles = new String[Fixtures.POOL];
      for (int i = 0; i < Fixtures.POOL; i++) {
        AttributeValue v = p.leads[i].attribute("job_title");
        titles[i] = v instanceof AttributeValue.Text t ? t.value() : "";
      }
      attributes = p.schema.schema().attributes().toArray(new String[0]);
    }
  }

  /** The features of one kind of the model's schema. */
  @State(Scope.Benchmark)
  public static class Kind {
    @Param({"all", "eventCount", "recency", "emailDomain", "titleSeniority", "boolean", "numeric", "categorical",
        "ordinal", "interaction"})
    public String kind;

    int[] features;

    @Setup
    public void setUp(Data d) {
      List<FeatureSpec> specs = d.p.schema.schema().features();
      List<Integer> idx = new ArrayList<>();
      for (int f = 0; f < specs.size(); f++) {
        if (kind.equals("all") || specs.get(f).kind().equals(kind)) {
          idx.add(f);
        }
      }
      features = idx.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  /** The trained model's numbers, for the what-if variants of its logit. */
  @State(Scope.Benchmark)
  public static class Logit {
    double intercept;
    double[] weights;
    double[] mean;
    double[] inverse;
    double rawIntercept;
    double[] rawWeights;
    double[] logits;
    double[] ages;
    int[] active;
    double[] cw;
    double[] cm;
    double[] ci;

    @Setup
    public void setUp(Data d) {
      TrainedModel m = d.p.model;
      intercept = m.intercept();
      weights = m.weights();
      mean = m.means();
      double[] scale = m.scales();
      inverse = new double[scale.length];
      for (int j = 0; j < scale.length; j++) {
        inverse[j] = scale[j] > 0 ? 1.0 / scale[j] : 0.0; // weight is 0 there too
      }
      int[] act = java.util.stream.IntStream.range(0, scale.length).filter(j -> scale[j] > 0).toArray();
      active = act;
      cw = new double[act.length];
      cm = new double[act.length];
      ci = new double[act.length];
      for (int k = 0; k < act.length; k++) {
        cw[k] = weights[act[k]];
        cm[k] = mean[act[k]];
        ci[k] = inverse[act[k]];
      }
      rawIntercept = m.rawIntercept();
      rawWeights = m.rawWeights();
      logits = new double[Fixtures.POOL];
      ages = new double[Fixtures.POOL];
      for (int i = 0; i < Fixtures.POOL; i++) {
        logits[i] = m.logit(d.p.rows[i]);
        ages[i] = (i * 37 % 900) / 10.0;
      }
      int compactSame = 0;
      int denseSame = 0;
      for (int i = 0; i < Fixtures.POOL; i++) {
        double ref = m.logit(d.p.rows[i]);
        compactSame += Double.compare(ref, compacted(this, d.p.rows[i])) == 0 ? 1 : 0;
        denseSame += Double.compare(ref, dense(this, d.p.rows[i])) == 0 ? 1 : 0;
      }
      System.err.printf("logit what-ifs: %d of %d columns non-constant; bit-identical to TrainedModel.logit on"
          + " %d/%d rows (compacted), %d/%d rows (dense)%n", active.length, scale.length, compactSame,
          Fixtures.POOL, denseSame, Fixtures.POOL);
    }
  }

  @Benchmark
  public void displayValue(Data d, Kind k, Cursor c, Blackhole bh) {
    int i = c.next++ & Fixtures.MASK;
    Lead lead = d.p.leads[i];
    double[] row = d.p.rows[i];
    FittedSchema s = d.p.schema;
    Instant asOf = d.p.asOf;
    for (int f : k.features) {
      bh.consume(s.displayValue(lead, asOf, f, row));
    }
  }

  @Benchmark
  public Attribution shapAttribution(Data d, Cursor c) {
    return d.p.scorer.shap().attribute(d.p.rows[c.next++ & Fixtures.MASK]);
  }

  /** {@code TrainedModel.logit} alone (gathers through the active-column index, 4 partial sums). */
  @Benchmark
  public double logitTrainedModel(Data d, Cursor c) {
    return d.p.model.logit(d.p.rows[c.next++ & Fixtures.MASK]);
  }

  /**
   * What if: the same operations in the same order as {@code Standardisation.logit} (partial sums
   * by active position mod 4), but with weights, means and inverse scales stored compacted by
   * active position, so only {@code x} is gathered through {@code active}. Bit-identical by
   * construction (checked in the state's set-up, printed to stderr).
   */
  @Benchmark
  public double logitWhatIfCompacted(Logit l, Data d, Cursor c) {
    return compacted(l, d.p.rows[c.next++ & Fixtures.MASK]);
  }

  static double compacted(Logit l, double[] x) {
    int[] act = l.active;
    double[] w = l.cw;
    double[] m = l.cm;
    double[] inv = l.ci;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int a = act.length;
    int k = 0;
    for (; k + 3 < a; k += 4) {
      s0 += w[k] * ((x[act[k]] - m[k]) * inv[k]);
      s1 += w[k + 1] * ((x[act[k + 1]] - m[k + 1]) * inv[k + 1]);
      s2 += w[k + 2] * ((x[act[k + 2]] - m[k + 2]) * inv[k + 2]);
      s3 += w[k + 3] * ((x[act[k + 3]] - m[k + 3]) * inv[k + 3]);
    }
    for (; k < a; k++) {
      s0 += w[k] * ((x[act[k]] - m[k]) * inv[k]);
    }
    return l.intercept + ((s0 + s1) + (s2 + s3));
  }

  /**
   * What if: a dense loop over all columns, partial sums by column mod 4 (constant columns carry
   * {@code w = 1/scale = 0}). Bit-identical to {@code TrainedModel.logit} only when no column is
   * constant (then active position = column); see the set-up's stderr line.
   */
  @Benchmark
  public double logitWhatIfDenseInterleaved(Logit l, Data d, Cursor c) {
    return dense(l, d.p.rows[c.next++ & Fixtures.MASK]);
  }

  /**
   * What if: a dense loop over all columns with one running sum, {@code b + sum_j w_j * ((x_j -
   * m_j) * inv_j)} (a different summation order from the solver's, so not bit-identical).
   */
  @Benchmark
  public double logitWhatIfDense(Logit l, Data d, Cursor c) {
    double[] x = d.p.rows[c.next++ & Fixtures.MASK];
    double[] w = l.weights;
    double[] m = l.mean;
    double[] inv = l.inverse;
    double eta = l.intercept;
    for (int j = 0; j < w.length; j++) {
      eta += w[j] * ((x[j] - m[j]) * inv[j]);
    }
    return eta;
  }

  static double dense(Logit l, double[] x) {
    double[] w = l.weights;
    double[] m = l.mean;
    double[] inv = l.inverse;
    double s0 = 0;
    double s1 = 0;
    double s2 = 0;
    double s3 = 0;
    int n = Math.min(w.length, x.length);
    int j = 0;
    for (; j + 3 < n; j += 4) {
      s0 += w[j] * ((x[j] - m[j]) * inv[j]);
      s1 += w[j + 1] * ((x[j + 1] - m[j + 1]) * inv[j + 1]);
      s2 += w[j + 2] * ((x[j + 2] - m[j + 2]) * inv[j + 2]);
      s3 += w[j + 3] * ((x[j + 3] - m[j + 3]) * inv[j + 3]);
    }
    for (; j < n; j++) {
      s0 += w[j] * ((x[j] - m[j]) * inv[j]);
    }
    return l.intercept + ((s0 + s1) + (s2 + s3));
  }

  /** What if: {@code rawIntercept + rawWeights . x} (not bit-identical to the trained logit). */
  @Benchmark
  public double logitWhatIfRawDot(Logit l, Data d, Cursor c) {
    double[] x = d.p.rows[c.next++ & Fixtures.MASK];
    double[] w = l.rawWeights;
    double eta = l.rawIntercept;
    for (int j = 0; j < w.length; j++) {
      eta += w[j] * x[j];
    }
    return eta;
  }

  /** The trained Platt calibrator alone, logit to probability. */
  @Benchmark
  public double calibratorOnly(Logit l, Data d, Cursor c) {
    return d.p.model.calibrator().probability(l.logits[c.next++ & Fixtures.MASK]);
  }

  /** What half-life decay costs per event and feature today: {@code Math.pow(0.5, age / days)}. */
  @Benchmark
  public double decayPow(Logit l, Cursor c) {
    return Math.pow(0.5, l.ages[c.next++ & Fixtures.MASK] / 30.0);
  }

  /** The same weight as {@code Math.exp(age * (-ln 2 / days))} (may differ in the last ulp). */
  @Benchmark
  public double decayExp(Logit l, Cursor c) {
    return Math.exp(l.ages[c.next++ & Fixtures.MASK] * (-Math.log(2) / 30.0));
  }

  /**
   * {@code Math.log1p}, which extraction applies to every log-transformed count and numeric
   * (15 columns of the default schema): HotSpot has no intrinsic for it, it runs {@code
   * StrictMath.log1p}.
   */
  @Benchmark
  public double log1pMath(Logit l, Cursor c) {
    return Math.log1p(l.ages[c.next++ & Fixtures.MASK]);
  }

  /** {@code Math.log(1 + v)}, an intrinsic (less accurate than log1p only for tiny v). */
  @Benchmark
  public double log1pViaLog(Logit l, Cursor c) {
    return Math.log(1.0 + l.ages[c.next++ & Fixtures.MASK]);
  }

  @Benchmark
  public Seniority seniorityOfTitle(Data d, Cursor c) {
    return Seniority.ofTitle(d.titles[c.next++ & Fixtures.MASK]);
  }

  @Benchmark
  public String baselineStripLowerCase(Data d, Cursor c) {
    return d.titles[c.next++ & Fixtures.MASK].strip().toLowerCase(Locale.ROOT);
  }

  @Benchmark
  public String baselineRegexNormaliseSpaces(Data d, Cursor c) {
    return d.titles[c.next++ & Fixtures.MASK].strip().replaceAll("\\s+", " ");
  }

  @Benchmark
  public void baselineAttributeLookups(Data d, Cursor c, Blackhole bh) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    for (String a : d.attributes) {
      bh.consume(lead.attribute(a));
    }
  }
}
