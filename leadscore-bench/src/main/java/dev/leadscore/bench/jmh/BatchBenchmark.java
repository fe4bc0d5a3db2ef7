package dev.leadscore.bench.jmh;

import dev.leadscore.core.BatchResult;
import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Score;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Batches of {@value Fixtures#BATCH} fresh leads through {@code ModelScorer.scoreAll}; every
 * figure is per lead ({@link OperationsPerInvocation}).
 * <ul>
 *   <li>{@code batchOneThread*}: the whole batch on the calling thread.</li>
 *   <li>{@code batchTwoThreads*}: the batch cut into two halves, each half's {@code scoreAll} run
 *       on one thread of a fixed pool of 2 platform threads created once per trial (the caller
 *       only waits), so both cores work; wall time per lead.</li>
 *   <li>{@code scoreOnlyJmh2Threads}: JMH {@code @Threads(2)} each scoring single leads in a loop;
 *       the figure is the average time per call on each thread, so the machine's throughput is
 *       2 / that.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class BatchBenchmark {

  @State(Scope.Benchmark)
  public static class Data {
    Fixtures.Pipeline p;
    List<Lead> first;
    List<Lead> second;
    ExecutorService pool;

    @Setup(Level.Trial)
    public void setUp() {
      p = Fixtures.pipeline();
      first = p.batch.subList(0, Fixtures.BATCH / 2);
      second = p.batch.subList(Fixtures.BATCH / 2, Fixtures.BATCH);
      pool = Executors.newFixedThreadPool(2);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      pool.shutdownNow();
    }

    BatchResult two(Detail detail) throws InterruptedException, ExecutionException {
      Future<BatchResult> a = pool.submit(() -> p.scorer.scoreAll(first, p.asOf, detail));
      Future<BatchResult> b = pool.submit(() -> p.scorer.scoreAll(second, p.asOf, detail));
      BatchResult ra = a.get();
      BatchResult rb = b.get();
      return ra.scores().size() >= rb.scores().size() ? ra : rb;
    }
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  @OperationsPerInvocation(Fixtures.BATCH)
  public BatchResult batchOneThreadScoreOnly(Data d) {
    return d.p.scorer.scoreAll(d.p.batch, d.p.asOf, Detail.SCORE_ONLY);
  }

  @Benchmark
  @OperationsPerInvocation(Fixtures.BATCH)
  public BatchResult batchTwoThreadsScoreOnly(Data d) throws Exception {
    return d.two(Detail.SCORE_ONLY);
  }

  @Benchmark
  @OperationsPerInvocation(Fixtures.BATCH)
  public BatchResult batchOneThreadExplained(Data d) {
    return d.p.scorer.scoreAll(d.p.batch, d.p.asOf, Detail.EXPLAINED);
  }

  @Benchmark
  @OperationsPerInvocation(Fixtures.BATCH)
  public BatchResult batchTwoThreadsExplained(Data d) throws Exception {
    return d.two(Detail.EXPLAINED);
  }

  @Benchmark
  @Threads(2)
  public Score scoreOnlyJmh2Threads(Data d, Cursor c) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    return d.p.scorer.score(lead, d.p.asOf, Detail.SCORE_ONLY);
  }
}
