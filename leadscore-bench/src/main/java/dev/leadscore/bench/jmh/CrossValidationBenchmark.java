package dev.leadscore.bench.jmh;

import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
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
 * Training from raw leads with {@link ModelTrainer}: the whole default pipeline (800 leads, seed
 * 42, default schema, default options: 5 stratified folds x 13 lambdas, warm-started, Platt
 * calibration, tier policy, final refit with covariance), on 1 and on 2 threads; and, for a
 * bigger data set, 10^4 leads with one lambda and 2 folds (so mostly extraction plus three fits).
 * Single-shot: each measurement is one whole {@code train} call; lead generation is untimed.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(1)
public class CrossValidationBenchmark {

  @State(Scope.Benchmark)
  public static class Leads {
    SyntheticData pipeline;
    SyntheticData large;
    FeatureSchema schema;

    @Setup
    public void setUp() {
      pipeline = SyntheticPipeline.builder().size(800).seed(42).build().generate();
      large = SyntheticPipeline.builder().size(10_000).seed(43).build().generate();
      schema = SyntheticPipeline.defaultSchema();
    }
  }

  @Benchmark
  public TrainedModel defaultPipeline5Folds_1thread(Leads l) {
    return new ModelTrainer().train(l.schema, l.pipeline.leads(), l.pipeline.asOf(),
        TrainingOptions.builder().folds(5).threads(1).build());
  }

  @Benchmark
  public TrainedModel defaultPipeline5Folds_2threads(Leads l) {
    return new ModelTrainer().train(l.schema, l.pipeline.leads(), l.pipeline.asOf(),
        TrainingOptions.builder().folds(5).threads(2).build());
  }

  @Benchmark
  public TrainedModel leads10k_1lambda2Folds_2threads(Leads l) {
    return new ModelTrainer().train(l.schema, l.large.leads(), l.large.asOf(),
        TrainingOptions.builder().lambdas(1.0).folds(2).threads(2).build());
  }
}
