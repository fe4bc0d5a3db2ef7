package dev.leadscore.bench.jmh;

import dev.leadscore.core.LabelledLead;
import dev.leadscore.core.Lead;
import dev.leadscore.core.schema.FeatureInfo;
import dev.leadscore.core.schema.FeatureSchema;
import dev.leadscore.core.schema.FeatureSpec;
import dev.leadscore.core.schema.FittedSchema;
import dev.leadscore.core.schema.Imputation;
import dev.leadscore.core.schema.NumericFeature;
import dev.leadscore.core.synth.SyntheticData;
import dev.leadscore.core.synth.SyntheticPipeline;
import dev.leadscore.model.ModelScorer;
import dev.leadscore.model.ModelTrainer;
import dev.leadscore.model.TrainedModel;
import dev.leadscore.model.TrainingOptions;
import dev.leadscore.rules.RuleScorer;
import dev.leadscore.rules.RuleSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic inputs of the scoring benchmarks, built once per JVM (fork): the default
 * synthetic pipeline (800 leads, seed 42) trained with {@link ModelTrainer} and the default
 * options (5 folds, 13 lambdas, Platt calibration), the {@link ModelScorer} and {@link RuleScorer}
 * built from it, and a pool of {@value #POOL} <em>fresh</em> leads (seed 7, not seen in training)
 * cycled through so that branch predictors cannot memorise one lead.
 */
public final class Fixtures {
  /** Leads in the scoring pool; a power of two so the cursor can wrap with a mask. */
  public static final int POOL = 1024;
  public static final int MASK = POOL - 1;
  /** Leads in the batch benchmarks. */
  public static final int BATCH = 4096;

  private Fixtures() {}

  /** Everything the single-lead and batch benchmarks read. Immutable after construction. */
  public static final class Pipeline {
    public final SyntheticData training;
    public final TrainedModel model;
    public final FittedSchema schema;
    public final ModelScorer scorer;
    public final RuleScorer rules;
    public final Instant asOf;
    /** {@value #POOL} fresh leads. */
    public final Lead[] leads;
    /** Their raw feature vectors, extracted once. */
    public final double[][] rows;
    /** {@value #BATCH} fresh leads for the batch benchmarks. */
    public final List<Lead> batch;

    Pipeline() {
      training = SyntheticPipeline.builder().size(800).seed(42).build().generate();
      asOf = training.asOf();
      model = new ModelTrainer().train(SyntheticPipeline.defaultSchema(), training.leads(), asOf,
          TrainingOptions.builder().threads(1).build());
      schema = model.schema();
      scorer = scorerOf(model);
      rules = RuleScorer.of(RuleSet.syntheticDefault(), schema);
      SyntheticData fresh = SyntheticPipeline.builder().size(BATCH).seed(7).build().generate();
      List<Lead> all = fresh.unlabelled();
      leads = all.subList(0, POOL).toArray(new Lead[0]);
      rows = new double[POOL][];
      for (int i = 0; i < POOL; i++) {
        rows[i] = schema.extract(leads[i], asOf);
      }
      batch = List.copyOf(all);
    }

    /** The training leads' raw vectors (800 x width), row-major. */
    public double[] trainingMatrix() {
      int d = schema.width();
      List<LabelledLead> ls = training.leads();
      double[] x = new double[ls.size() * d];
      double[] row = new double[d];
      for (int i = 0; i < ls.size(); i++) {
        schema.extract(ls.get(i).lead(), asOf, row);
        System.arraycopy(row, 0, x, i * d, d);
      }
      return x;
    }

    public boolean[] trainingLabels() {
      List<LabelledLead> ls = training.leads();
      boolean[] y = new boolean[ls.size()];
      for (int i = 0; i < y.length; i++) {
        y[i] = ls.get(i).converted();
      }
      return y;
    }

    /** A raw row standardised with the model's means and scales (constant columns give 0). */
    public double[] standardise(double[] raw) {
      double[] mean = model.means();
      double[] scale = model.scales();
      double[] z = new double[raw.length];
      for (int j = 0; j < raw.length; j++) {
        z[j] = scale[j] > 0 ? (raw[j] - mean[j]) / scale[j] : 0.0;
      }
      return z;
    }
  }

  private static Pipeline pipeline;

  /** The pipeline of this JVM, built on first use (about 2 s). */
  public static synchronized Pipeline pipeline() {
    if (pipeline == null) {
      pipeline = new Pipeline();
    }
    return pipeline;
  }

  /** The host-facing scorer of a trained model: {@code ModelScorer.of(TrainedModel)}. */
  public static ModelScorer scorerOf(TrainedModel m) {
    return ModelScorer.of(m);
  }

  /**
   * A fitted schema of {@code d} plain numeric columns {@code f0 .. f(d-1)} (no transform, no
   * missing flag), so that a model fitted on a plain matrix can be scored through leadscore's
   * public scoring types.
   */
  public static FittedSchema numericSchema(int d) {
    List<FeatureSpec> specs = new ArrayList<>();
    for (int j = 0; j < d; j++) {
      specs.add(new NumericFeature(FeatureInfo.of("f" + j, FeatureInfo.FIRMOGRAPHIC), "f" + j, false,
          Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Imputation.mean(), false, List.of()));
    }
    List<Lead> leads = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      Lead.Builder b = Lead.builder("row" + i);
      for (int j = 0; j < d; j++) {
        b.number("f" + j, i - 1.0);
      }
      leads.add(b.build());
    }
    return FeatureSchema.of("plain-" + d, 1, specs).fit(leads);
  }

  /** The schema's features of one kind ({@code "numeric"}, {@code "eventCount"}, ...), interactions left out. */
  public static FeatureSchema defaultSchemaOfKind(String kind) {
    FeatureSchema all = SyntheticPipeline.defaultSchema();
    if (kind.equals("all")) {
      return all;
    }
    List<FeatureSpec> specs = all.features().stream().filter(f -> f.kind().equals(kind)).toList();
    if (specs.isEmpty()) {
      throw new IllegalArgumentException("the default schema has no feature of kind '" + kind + "'");
    }
    return FeatureSchema.of(all.name() + "-" + kind, 1, specs);
  }

  /** Reads the sentences of an explanation's short lists, as an export shows them; their total length. */
  static int readShortLists(dev.leadscore.core.Explanation e) {
    int n = 0;
    for (dev.leadscore.core.Reason r : e.topReasons()) {
      n += r.text().length();
    }
    for (dev.leadscore.core.Reason r : e.risks()) {
      n += r.text().length();
    }
    return n;
  }
}
