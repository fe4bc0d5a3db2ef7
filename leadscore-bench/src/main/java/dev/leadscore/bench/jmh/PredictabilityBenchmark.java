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
 * An investigation, not a figure to quote: how much of extraction's time is the branch predictor
 * missing on lead-to-lead variety. The default schema extracts {@value Fixtures#POOL} leads that
 * are either the fresh pool of {@link ExtractionBenchmark} ({@code leads=fresh}) or copies of its
 * first {@code 16} leads, each copy a separate object built anew ({@code leads=16-repeated}), so the
 * memory touched is alike and only the variety of the data differs. The difference between the two
 * is the cost of data-dependent branches; the repeated figure is what extraction costs when the
 * branches are all but always predicted.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class PredictabilityBenchmark {

  /** The fitted default schema and the pool, shared by all threads (read-only). */
  @State(Scope.Benchmark)
  public static class Pool {
    @Param({"fresh", "16-repeated"})
    public String leads;

    FittedSchema schema;
    Lead[] pool;
    Instant asOf;

    @Setup
    public void setUp() {
      Fixtures.Pipeline p = Fixtures.pipeline();
      schema = p.schema;
      asOf = p.asOf;
      pool = new Lead[Fixtures.POOL];
      for (int i = 0; i < pool.length; i++) {
        pool[i] = switch (leads) {
          case "fresh" -> p.leads[i];
          case "16-repeated" -> p.leads[i % 16].toBuilder().build();
          default -> throw new IllegalArgumentException("leads must be fresh or 16-repeated, got '" + leads + "'");
        };
      }
    }
  }

  /** Each thread's output buffer and position in the pool. */
  @State(Scope.Thread)
  public static class Cursor {
    double[] buffer;
    int next;

    @Setup
    public void setUp(Pool p) {
      buffer = new double[p.schema.width()];
    }
  }

  /** Extract one lead of the pool. */
  @Benchmark
  public double[] extract(Pool p, Cursor c) {
    p.schema.extract(p.pool[c.next++ & Fixtures.MASK], p.asOf, c.buffer);
    return c.buffer;
  }
}
