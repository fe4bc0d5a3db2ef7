package dev.leadscore.bench.jmh;

import dev.leadscore.core.Lead;
import dev.leadscore.core.LeadScorer.Detail;
import dev.leadscore.core.Score;
import dev.leadscore.core.Tier;
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
 * The single-lead hot paths, one thing per benchmark, on the default pipeline's trained model
 * (105 columns) and {@value Fixtures#POOL} fresh leads cycled through:
 * <ul>
 *   <li>{@code bareScore}: a prebuilt raw feature vector to logit ({@code TrainedModel}'s dense
 *       scoring form), Platt calibration, 0-100 score and tier, through {@code TrainedModel} - no
 *       extraction;</li>
 *   <li>{@code scoreOnly}: {@code ModelScorer.score(lead, asOf, SCORE_ONLY)} from the raw lead
 *       (extraction included, a {@code Score} returned);</li>
 *   <li>{@code scoreExplained}: the same with {@code EXPLAINED} (exact SHAP per feature plus the
 *       reasons, whose sentences are rendered when first read);</li>
 *   <li>{@code scoreExplainedRead}: the same with the short lists' sentences read;</li>
 *   <li>{@code ruleScore} / {@code ruleScoreExplained}: the default rule set's {@code RuleScorer}.</li>
 * </ul>
 * Extraction alone is {@link ExtractionBenchmark} ({@code kind=all}).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 6, time = 1)
@Fork(2)
public class SingleLeadBenchmark {

  @State(Scope.Benchmark)
  public static class Data {
    Fixtures.Pipeline p;

    @Setup
    public void setUp() {
      p = Fixtures.pipeline();
    }
  }

  @State(Scope.Thread)
  public static class Cursor {
    int next;
  }

  @Benchmark
  public Tier bareScore(Data d, Cursor c) {
    double[] x = d.p.rows[c.next++ & Fixtures.MASK];
    return d.p.scorer.tierOf(x);
  }

  @Benchmark
  public Score scoreOnly(Data d, Cursor c) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    return d.p.scorer.score(lead, d.p.asOf, Detail.SCORE_ONLY);
  }

  @Benchmark
  public Score scoreExplained(Data d, Cursor c) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    return d.p.scorer.score(lead, d.p.asOf, Detail.EXPLAINED);
  }

  /**
   * {@code EXPLAINED} with the short lists' sentences read, as a CRM export reads them: the
   * sentences are rendered when first read, so this is the whole cost of an explanation shown.
   */
  @Benchmark
  public int scoreExplainedRead(Data d, Cursor c) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    return Fixtures.readShortLists(d.p.scorer.score(lead, d.p.asOf, Detail.EXPLAINED).explanation().orElseThrow());
  }

  @Benchmark
  public Score ruleScore(Data d, Cursor c) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    return d.p.rules.score(lead, d.p.asOf, Detail.SCORE_ONLY);
  }

  @Benchmark
  public Score ruleScoreExplained(Data d, Cursor c) {
    Lead lead = d.p.leads[c.next++ & Fixtures.MASK];
    return d.p.rules.score(lead, d.p.asOf, Detail.EXPLAINED);
  }
}
