package dev.leadscore.bench.jmh;

import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FittedSchema;
import java.time.Instant;
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

/**
 * Feature extraction of one raw lead into a reused buffer: the first step of every score. With
 * {@code kind=all} it is the default schema (the model's fitted schema); with another kind it is
 * the default schema cut down to the features of that kind, fitted on the same 800 training leads
 * (interactions left out), which shows where extraction spends its time. Leads cycle through
 * {@value Fixtures#POOL} fresh synthetic leads.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class ExtractionBenchmark {

  /** The fitted (sub-)schema and the lead pool, shared by all threads (read-only). */
  @State(Scope.Benchmark)
  public static class Schema {
    @Param({"all", "eventCount", "recency", "emailDomain", "titleSeniority", "boolean", "numeric", "categorical", "ordinal"})
    public String kind;

    FittedSchema fitted;
    Lead[] leads;
    Instant asOf;

    @Setup
    public void setUp() {
      Fixtures.Pipeline p = Fixtures.pipeline();
      asOf = p.asOf;
      leads = p.leads;
      fitted = kind.equals("all") ? p.schema : Fixtures.defaultSchemaOfKind(kind).fit(p.training.unlabelled());
    }
  }

  /** Each thread's output buffer and position in the pool. */
  @State(Scope.Thread)
  public static class Cursor {
    double[] buffer;
    int next;

    @Setup
    public void setUp(Schema s) {
      buffer = new double[s.fitted.width()];
    }
  }

  /** Extract one lead's feature vector (all features of the schema, or of one kind). */
  @Benchmark
  public double[] extract(Schema s, Cursor c) {
    Lead lead = s.leads[c.next++ & Fixtures.MASK];
    s.fitted.extract(lead, s.asOf, c.buffer);
    return c.buffer;
  }
}
