package dev.leadscore.bench.jmh;

import dev.leadscore.core.AttributeValue;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.Decay;
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
 * public API, to find where a full score (target 300 ns) and an explanation spend their time.
 * Leads cycle through {@value Fixtures#POOL} fresh leads. (The what-if variants of the logit that
 * chose {@code TrainedModel}'s dense form were removed once it landed; RESULTS.md keeps their figures.)
 * <ul>
 *   <li>{@code displayValue}: {@code FittedSchema.displayValue} for every feature of one kind (or
 *       all), with the lead's prebuilt vector: the per-feature cost of display text
 *       ({@code LinearShap.explanation} itself calls {@code FittedSchema.displayValues} once, which
 *       serves every feature in one pass over the events);</li>
 *   <li>{@code shapAttribution}: the exact SHAP numbers alone ({@code LinearShap.attribute} on a
 *       prebuilt vector), no text;</li>
 *   <li>{@code seniorityOfTitle}: the job-title parser ({@code Seniority.ofTitle}) alone;</li>
 *   <li>{@code baseline*}: JDK primitives by themselves, as reference points: one
 *       {@code strip().toLowerCase(ROOT)} of the title (for the normalised text lookups), one
 *       {@code strip().replaceAll("\\s+", " ")} (what {@code Specs.normaliseSpaces} would cost
 *       for display values as that regex, compiled per call; its hand-written scan gives the same
 *       result), and the lead's attribute-map lookups of the default schema's 13 attributes.</li>
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

  /** Logits of the pool's rows and event ages, inputs of the calibration and math pieces. */
  @State(Scope.Benchmark)
  public static class Logit {
    double[] logits;
    double[] ages;
    long[] ageMillis;
    Decay.HalfLife halfLife;

    @Setup
    public void setUp(Data d) {
      TrainedModel m = d.p.model;
      logits = new double[Fixtures.POOL];
      ages = new double[Fixtures.POOL];
      ageMillis = new long[Fixtures.POOL];
      halfLife = new Decay.HalfLife(30);
      for (int i = 0; i < Fixtures.POOL; i++) {
        logits[i] = m.logit(d.p.rows[i]);
        ages[i] = (i * 37 % 900) / 10.0;
        ageMillis[i] = Math.round(ages[i] * 86_400_000.0);
      }
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

  /** {@code TrainedModel.logit} alone (a dense loop, eight partial sums; see its Javadoc). */
  @Benchmark
  public double logitTrainedModel(Data d, Cursor c) {
    return d.p.model.logit(d.p.rows[c.next++ & Fixtures.MASK]);
  }

  /** The trained Platt calibrator alone, logit to probability. */
  @Benchmark
  public double calibratorOnly(Logit l, Data d, Cursor c) {
    return d.p.model.calibrator().probability(l.logits[c.next++ & Fixtures.MASK]);
  }

  /**
   * What half-life decay cost per event and feature before issue 12: {@code Math.pow(0.5, age /
   * days)}, whose intrinsic's last bit varies between CPUs.
   */
  @Benchmark
  public double decayPow(Logit l, Cursor c) {
    return Math.pow(0.5, l.ages[c.next++ & Fixtures.MASK] / 30.0);
  }

  /**
   * The half-life weight as {@link Decay.HalfLife} defines it now (the same bits everywhere,
   * tables built once per decay), from an age in days: what extraction calls per event and
   * half-life feature.
   */
  @Benchmark
  public double decayHalfLifeDays(Logit l, Cursor c) {
    return l.halfLife.weight(l.ages[c.next++ & Fixtures.MASK]);
  }

  /** The same from whole milliseconds ({@code weightMillis}), the rule scorer's entry. */
  @Benchmark
  public double decayHalfLifeMillis(Logit l, Cursor c) {
    return l.halfLife.weightMillis(l.ageMillis[c.next++ & Fixtures.MASK]);
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
