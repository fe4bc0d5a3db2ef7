package dev.leadscore.bench;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import java.time.Instant;
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

/**
 * Feature extraction of one raw lead into a reused buffer: the first step of every score.
 * Leads cycle through 1,024 distinct synthetic leads so branch prediction cannot memorise one.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ExtractionBenchmark {

  /** The fitted default schema and a pool of leads, shared by all threads (read-only). */
  @State(Scope.Benchmark)
  public static class Pipeline {
    FittedSchema fitted;
    Lead[] leads;
    Instant asOf;

    @Setup
    public void setUp() {
      SyntheticData data = SyntheticPipeline.builder().size(1024).seed(7).build().generate();
      asOf = data.asOf();
      leads = data.leads().stream().map(LabelledLead::lead).toArray(Lead[]::new);
      fitted = SyntheticPipeline.defaultSchema().fit(data.unlabelled());
    }
  }

  /** Each thread's output buffer and position in the pool. */
  @State(Scope.Thread)
  public static class Cursor {
    double[] buffer;
    int next;

    @Setup
    public void setUp(Pipeline p) {
      buffer = new double[p.fitted.width()];
    }
  }

  /** Extract one lead's full feature vector. */
  @Benchmark
  public double[] extractOneLead(Pipeline p, Cursor c) {
    Lead lead = p.leads[c.next++ & 1023];
    p.fitted.extract(lead, p.asOf, c.buffer);
    return c.buffer;
  }
}
